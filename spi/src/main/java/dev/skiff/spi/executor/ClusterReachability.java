package dev.skiff.spi.executor;

import dev.skiff.spi.Stability;

/**
 * Where an executor tells the engine whether a cluster's API server answers, as its requests and watches find
 * out. The engine keeps, per cluster, since when it is unreachable and why, and decides what that means for the
 * steps placed there (a message on their nodes; failing them after a timeout). Thread-safe and quick: executors may
 * call it on every request.
 */
@FunctionalInterface
@Stability(Stability.Level.EXPERIMENTAL)
public interface ClusterReachability {

    /** Tells nothing to anyone (engines that do not track reachability). */
    ClusterReachability IGNORED = (cluster, reachable, cause) -> { };

    /**
     * What the last request or watch to {@code cluster} (the name the engine gave the executor) found.
     *
     * @param cluster   the cluster's name, as in {@link StepTarget#cluster()}
     * @param reachable true when the API server answered (any answer but a gateway's 502/503/504); false when the
     *                  request got no answer (connection refused or reset, timed out, DNS, TLS handshake)
     * @param cause     for an unreachable cluster, a short reason a user can act on (exception kind, address); never
     *                  a token, header or kubeconfig; empty when reachable
     */
    void report(String cluster, boolean reachable, String cause);
}
