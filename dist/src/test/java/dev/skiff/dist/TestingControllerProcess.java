package dev.skiff.dist;

import dev.skiff.testbed.Await;
import dev.skiff.testbed.TestbedCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/skiff controller} of the built distribution as its own process (plugin layers, module path, the real
 * {@code pod} executor) against a testbed cluster, reached through the admin kubeconfig. {@link #kill()} is
 * {@code kill -9}; {@link #close()} is SIGTERM (the lease is released).
 */
final class TestingControllerProcess implements AutoCloseable {

    private static final Pattern PORT = Pattern.compile("event=controller\\.started .*port=(\\d+)");
    private static final Duration START = Duration.ofSeconds(90);

    /**
     * How a controller runs.
     *
     * @param instanceId     Argo's instance id ("" = workflows without the label)
     * @param leaderElection lease on, with {@code leaseDuration} (renew deadline and retry period derived)
     * @param leaseDuration  for leader election
     * @param identity       this replica's name in the lease
     * @param namespace      the controller's namespace
     * @param clusterSecret  whether it reads the {@code kubeconfig} cluster secret there
     * @param namespaces     workflow namespaces watched (empty: all)
     * @param extra          more top-level keys of the config, as YAML lines
     */
    record Options(String instanceId, boolean leaderElection, Duration leaseDuration, String identity,
                   String namespace, boolean clusterSecret, java.util.List<String> namespaces, String extra) {

        Options(String instanceId, boolean leaderElection, Duration leaseDuration, String identity,
                String namespace, boolean clusterSecret, java.util.List<String> namespaces) {
            this(instanceId, leaderElection, leaseDuration, identity, namespace, clusterSecret, namespaces, "");
        }

        Options(String instanceId, boolean leaderElection, Duration leaseDuration, String identity) {
            this(instanceId, leaderElection, leaseDuration, identity, "default", false, java.util.List.of());
        }

        /** The same with more top-level config keys ({@code key: value} lines). */
        Options with(String yamlLines) {
            return new Options(instanceId, leaderElection, leaseDuration, identity, namespace, clusterSecret,
                    namespaces, extra + yamlLines.stripTrailing() + "\n");
        }

        static Options plain() {
            return new Options("", false, Duration.ofSeconds(15), "skiff-test");
        }

        Options withInstanceId(String id) {
            return new Options(id, leaderElection, leaseDuration, identity, namespace, clusterSecret, namespaces);
        }

        Options elected(String replica, Duration lease) {
            return new Options(instanceId, true, lease, replica, namespace, clusterSecret, namespaces);
        }

        Options withNamespace(String ns) {
            return new Options(instanceId, leaderElection, leaseDuration, identity, ns, clusterSecret, namespaces);
        }

        Options withClusterSecret() {
            return new Options(instanceId, leaderElection, leaseDuration, identity, namespace, true, namespaces);
        }

        Options watching(String... workflowNamespaces) {
            return new Options(instanceId, leaderElection, leaseDuration, identity, namespace, clusterSecret,
                    java.util.List.of(workflowNamespaces));
        }
    }

    private final TestingLauncher.Running running;
    private final Path config;
    private final int port;
    private boolean ended;
    private String finalLog;

    private TestingControllerProcess(TestingLauncher.Running running, Path config, int port) {
        this.running = running;
        this.config = config;
        this.port = port;
    }

    /** Starts a controller and returns once it listed the workflows it watches (ready). */
    static TestingControllerProcess start(TestbedCluster cluster, Path dir, Options options) throws Exception {
        Files.createDirectories(dir);
        Path config = Files.createTempFile(dir, "controller-", ".yaml");
        String executorImage = cluster.kubelet().orElseThrow().executorImage();
        long lease = options.leaseDuration().toMillis();
        Files.writeString(config, """
                instanceId: "%s"
                namespace: %s
                clusterSecret: {enabled: %s}
                clusters:
                  in-cluster:
                    auth: {type: kubeconfig, file: %s}
                port: 0
                leaderElection:
                  enabled: %s
                  identity: %s
                  leaseDuration: %dms
                  renewDeadline: %dms
                  retryPeriod: %dms
                executor:
                  type: pod
                  image: %s
                """.formatted(options.instanceId(), options.namespace(), options.clusterSecret(),
                cluster.kubeconfig(), options.leaderElection(),
                options.identity(), lease, lease * 2 / 3, lease / 4, executorImage)
                + (options.namespaces().isEmpty() ? "" : "workflowSources:\n- cluster: in-cluster\n  namespaces: ["
                        + String.join(", ", options.namespaces()) + "]\n") + options.extra());
        TestingLauncher.Running running = TestingLauncher.start(Map.of("HOME", dir.toString()), "controller",
                "--config", config.toString());
        int port = Await.until("the controller to start (" + options.identity() + ")", START, () -> {
            if (!running.process().isAlive()) {
                throw new AssertionError("the controller exited " + running.process().exitValue() + ":\n"
                        + running.stderrSoFar());
            }
            Matcher m = PORT.matcher(running.stderrSoFar());
            return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        });
        TestingControllerProcess controller = new TestingControllerProcess(running, config, port);
        Await.until("the controller's watches to list", START, () -> controller.log().contains("event=watch.listed")
                ? Optional.of(true) : Optional.empty());
        return controller;
    }

    /** Everything the controller logged so far (stderr); after it ended, everything it logged. */
    String log() throws IOException {
        return finalLog != null ? finalLog : running.stderrSoFar();
    }

    long pid() {
        return running.process().pid();
    }

    /** {@code /metrics} now. */
    String metrics() throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    /** Whether {@code /metrics} says this replica acts ({@code skiff_leader 1}). */
    boolean leading() throws IOException, InterruptedException {
        return metrics().lines().anyMatch(l -> l.matches("skiff_leader(\\{[^}]*})? 1(\\.0)?"));
    }

    /** A crash: SIGKILL, no clean-up of any kind. */
    void kill() throws InterruptedException, IOException {
        running.process().destroyForcibly();
        running.process().waitFor(30, TimeUnit.SECONDS);
        ended = true;
        forget();
    }

    /** Keeps the log in memory and removes the process's files. */
    private void forget() throws IOException {
        finalLog = running.stderrSoFar();
        Files.deleteIfExists(running.out());
        Files.deleteIfExists(running.err());
        Files.deleteIfExists(config);
    }

    /** SIGTERM; the controller stops acting, releases the lease and exits 0. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (ended) {
            return;
        }
        ended = true;
        running.signal("TERM");
        if (!running.process().waitFor(60, TimeUnit.SECONDS)) {
            running.process().destroyForcibly();
            throw new AssertionError("the controller did not stop within 60 s of SIGTERM:\n" + log());
        }
        forget();
    }
}
