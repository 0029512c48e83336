/** Runs workflow steps as pods in Kubernetes clusters, with Argo's executor protocol. */
module dev.skiff.executor.pod {
    requires dev.skiff.spi;
    requires io.kubernetes.client.java;
    requires io.kubernetes.client.java.api;
    requires okhttp3;
    requires com.google.gson;
    requires org.yaml.snakeyaml;
}
