package dev.skiff.engine.cli;

import dev.skiff.engine.cluster.Cluster;
import dev.skiff.engine.cluster.ClusterApiClients;
import dev.skiff.engine.kube.KubeResources;
import dev.skiff.engine.kube.KubeRest;
import dev.skiff.engine.kube.PodLogs;

/**
 * A cluster the user's kubeconfig points at, and the namespace to work in.
 *
 * @param cluster   the cluster and its credentials (closed with the connection)
 * @param rest      its API
 * @param namespace the namespace: {@code -n}, else the context's, else {@code default}
 */
record ClusterConnection(Cluster cluster, KubeRest rest, String namespace) implements AutoCloseable {

    static ClusterConnection of(Cluster cluster, String namespace) {
        return new ClusterConnection(cluster, new KubeRest(ClusterApiClients.create(cluster.credentials())), namespace);
    }

    /** The same cluster, working in another namespace (closing it is the original's job). */
    ClusterConnection inNamespace(String other) {
        return new ClusterConnection(cluster, rest, other);
    }

    KubeResources workflows() {
        return KubeResources.workflows(rest);
    }

    KubeResources pods() {
        return KubeResources.pods(rest);
    }

    PodLogs logs() {
        return new PodLogs(rest);
    }

    @Override
    public void close() {
        cluster.provider().close();
    }
}
