package dev.skiff.engine.config;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code leaderElection:} of the controller config: a Lease in the controller's namespace (client-go's rules).
 *
 * @param enabled        whether replicas elect a leader; off means this replica always acts
 * @param leaseName      the Lease's name; empty means Argo's {@code workflow-controller} (with
 *                       {@code -<instanceId>} appended when an instance id is set), so that Skiff and Argo
 *                       controllers for the same workflows never act at once
 * @param leaseNamespace the Lease's namespace; empty means the controller's own
 * @param leaseDuration  how long a leader that stops renewing keeps the lease (Argo: 15 s)
 * @param renewDeadline  how long a leader may fail to renew before it stops acting (Argo: 10 s)
 * @param retryPeriod    how often replicas try to take or renew the lease (Argo: 5 s)
 * @param identity       this replica's name in the lease; empty means {@code POD_NAME}, else the host name
 */
public record LeaderElectionConfig(boolean enabled, Optional<String> leaseName, Optional<String> leaseNamespace,
                                   Duration leaseDuration, Duration renewDeadline, Duration retryPeriod,
                                   Optional<String> identity) {

    public static final LeaderElectionConfig DEFAULT = new LeaderElectionConfig(true, Optional.empty(),
            Optional.empty(), Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(5), Optional.empty());
}
