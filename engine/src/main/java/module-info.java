/** The Skiff engine: workflow model, pure reconciler, run loop, plugin loading and CLI. */
module dev.skiff.engine {
    requires dev.skiff.spi;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires org.yaml.snakeyaml;
    requires io.kubernetes.client.java;
    requires io.kubernetes.client.java.api;
    requires okhttp3;
    requires info.picocli;
    requires java.logging;
    requires jdk.httpserver;
    requires jdk.unsupported;
    requires io.prometheus.metrics.core;
    requires io.prometheus.metrics.model;
    requires io.prometheus.metrics.exporter.httpserver;

    opens dev.skiff.engine.cli to info.picocli;

    uses dev.skiff.spi.executor.StepExecutorFactory;
    uses dev.skiff.spi.auth.ClusterAuthProviderFactory;
    uses dev.skiff.spi.artifact.ArtifactStoreFactory;
}
