/**
 * What a step's pod and its WorkflowTaskResult say about the step, as Argo's controller reads them
 * ({@code assessNodeStatus}, {@code inferFailedReason}, {@code taskResultReconciliation} in v4.1.2). Pure.
 */
package dev.skiff.executor.pod.outcome;
