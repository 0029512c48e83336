/** Runs workflow steps as pods in Kubernetes clusters, with Argo's executor protocol. */
module dev.skiff.executor.pod {
    requires dev.skiff.spi;
    requires io.kubernetes.client.java;
    requires io.kubernetes.client.java.api;
    requires okhttp3;
    requires okio;
    requires com.google.gson;
    requires org.yaml.snakeyaml;

    provides dev.skiff.spi.executor.StepExecutorFactory
            with dev.skiff.executor.pod.PodExecutorFactory;
}
