package dev.skiff.engine.lint;

/**
 * Where a workflow's steps will run, which decides what lint refuses as unsupported. Problems Argo's validation
 * finds, and features Skiff's reconciler lacks (synchronization, memoization, templateRef, ...), are the same
 * for both.
 */
public enum ExecutionProfile {

    /**
     * {@code skiff run}: each step a host process of the local executor. There is no pod, so nothing Kubernetes
     * or Argo's executor would provide is there: remote artifact stores, secrets and config maps (as environment
     * variables or volumes), other environment sources ({@code fieldRef}, ...), sidecars and init containers.
     * Lint refuses those instead of letting the run differ silently.
     */
    LOCAL,

    /**
     * {@code skiff controller}: each step a pod run by Argo's own executor, so Kubernetes and the executor
     * handle secrets, config maps, volumes, sidecars, init containers and artifact stores as in Argo.
     */
    CLUSTER
}
