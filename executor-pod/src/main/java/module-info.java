/** Runs workflow steps as pods in Kubernetes clusters. */
module dev.skiff.executor.pod {
    requires dev.skiff.spi;
    requires io.kubernetes.client.java;
    requires io.kubernetes.client.java.api;
}
