package dev.skiff.engine.config;

/**
 * How the controller runs (keys of the controller config besides clusters and sources).
 *
 * @param workers         workflows synced at once (Argo's {@code --workflow-workers}: 32)
 * @param qps             API requests per second per cluster (Argo's {@code --qps}: 20)
 * @param burst           API requests allowed at once above {@code qps} (Argo's {@code --burst}: 30)
 * @param port            port of {@code /healthz}, {@code /readyz} and {@code /metrics} (Argo's metrics port:
 *                        9090); 0 picks a free one
 * @param maxWorkflowSize above this many bytes a Workflow's nodes are stored compressed (Argo's
 *                        {@code MAX_WORKFLOW_SIZE}: 1 MiB)
 * @param leaderElection  leader election
 * @param executor        the step executor
 * @param clusterUnreachableTimeout how long a cluster may stay unreachable before the nodes placed there end
 *                        {@code Error} (until then they keep their phase, with a message saying so): 5 minutes
 */
public record ControllerSettings(int workers, double qps, int burst, int port, int maxWorkflowSize,
                                 LeaderElectionConfig leaderElection, ExecutorConfig executor,
                                 java.time.Duration clusterUnreachableTimeout) {

    public static final java.time.Duration DEFAULT_CLUSTER_UNREACHABLE_TIMEOUT = java.time.Duration.ofMinutes(5);

    public static final ControllerSettings DEFAULT = new ControllerSettings(32, 20, 30, 9090, 1024 * 1024,
            LeaderElectionConfig.DEFAULT, ExecutorConfig.DEFAULT, DEFAULT_CLUSTER_UNREACHABLE_TIMEOUT);

    /** The settings before {@code clusterUnreachableTimeout} existed: its default. */
    public ControllerSettings(int workers, double qps, int burst, int port, int maxWorkflowSize,
                              LeaderElectionConfig leaderElection, ExecutorConfig executor) {
        this(workers, qps, burst, port, maxWorkflowSize, leaderElection, executor, DEFAULT_CLUSTER_UNREACHABLE_TIMEOUT);
    }

    public ControllerSettings withPort(int newPort) {
        return new ControllerSettings(workers, qps, burst, newPort, maxWorkflowSize, leaderElection, executor,
                clusterUnreachableTimeout);
    }

    public ControllerSettings withLeaderElection(LeaderElectionConfig election) {
        return new ControllerSettings(workers, qps, burst, port, maxWorkflowSize, election, executor,
                clusterUnreachableTimeout);
    }

    public ControllerSettings withExecutor(ExecutorConfig newExecutor) {
        return new ControllerSettings(workers, qps, burst, port, maxWorkflowSize, leaderElection, newExecutor,
                clusterUnreachableTimeout);
    }
}
