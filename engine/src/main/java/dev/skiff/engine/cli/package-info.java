/** The {@code skiff} command line: {@code run}, {@code lint}, {@code version}; the only place that prints. */
package dev.skiff.engine.cli;
