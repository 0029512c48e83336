/**
 * {@code ./dev bench controller}: Skiff's controller and Argo's own workflow-controller, one after the other, on
 * the same testbed cluster whose process kubelet finishes every benchmark pod at once (instant mode, asked for by
 * the workflows' {@code spec.podMetadata} so both controllers' pods get it the same way), with the same client
 * limits and workers. {@link dev.skiff.dist.bench.ControllerBenchmark} is the entry point; the figures are printed
 * as one table and optionally written as JSON. Test scope of {@code dist}: it drives the built distribution's
 * {@code bin/skiff} and the testbed, like the ITs.
 */
package dev.skiff.dist.bench;
