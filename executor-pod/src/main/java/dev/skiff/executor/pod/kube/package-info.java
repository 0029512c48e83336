/**
 * The Kubernetes side of the pod executor: API clients from SPI credentials, JSON requests, label-selected
 * informers for pods and WorkflowTaskResults, rate-limited writes, and signals into containers.
 */
package dev.skiff.executor.pod.kube;
