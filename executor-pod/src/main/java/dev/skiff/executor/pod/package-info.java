/**
 * The {@code pod} step executor: builds each step's pod as Argo's controller does, creates it (or attaches to
 * it), follows it and its WorkflowTaskResult through informers, and stops, settles and deletes it as Argo does.
 */
package dev.skiff.executor.pod;
