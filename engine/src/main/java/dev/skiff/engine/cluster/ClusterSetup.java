package dev.skiff.engine.cluster;

import dev.skiff.engine.config.ControllerConfig;
import dev.skiff.spi.auth.ClusterCredentials;
import dev.skiff.spi.auth.SecretSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;

/**
 * What building the cluster registry needs from the world: a clock, the environment, and how to
 * read secrets of the local cluster once its credentials are known.
 */
public record ClusterSetup(Clock clock, Map<String, String> environment,
        Function<ClusterCredentials, SecretSource> secretReader) {

    static final Path NAMESPACE_FILE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

    /** The real world: the system clock and environment, secrets read through the Kubernetes API. */
    public static ClusterSetup system() {
        return new ClusterSetup(Clock.systemUTC(), System.getenv(),
                credentials -> new KubernetesSecretSource(ClusterApiClients.create(credentials), "in-cluster"));
    }

    SecretSource secretsOf(ClusterCredentials credentials) {
        return secretReader.apply(credentials);
    }

    EngineAuthContext context(ControllerConfig config, SecretSource secrets) {
        return new EngineAuthContext(clock, config.directory(), secrets, environment,
                System.getLogger("dev.skiff.auth"));
    }

    /** The config's namespace, else {@code POD_NAMESPACE}, else the pod's ServiceAccount namespace, else "default". */
    public String controllerNamespace(ControllerConfig config) {
        if (config.namespace().isPresent()) {
            return config.namespace().get();
        }
        String fromEnv = environment.getOrDefault("POD_NAMESPACE", "");
        if (!fromEnv.isBlank()) {
            return fromEnv;
        }
        try {
            return Files.isRegularFile(NAMESPACE_FILE) ? Files.readString(NAMESPACE_FILE).strip() : "default";
        } catch (java.io.IOException e) {
            return "default";
        }
    }
}
