package dev.skiff.dist;

import dev.skiff.testbed.Await;
import dev.skiff.testbed.ProcessKubelet;
import dev.skiff.testbed.TestbedCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built {@code bin/skiff controller} running as its own process against a testbed cluster, watching one
 * namespace, with the {@code pod} executor: steps become Argo-shaped pods that the testbed's process kubelet runs
 * with Argo's real argoexec. The controller reaches the cluster through the admin kubeconfig ({@code kubeconfig}
 * auth type), holds its leader Lease in that namespace, and serves its endpoints on a free port.
 */
final class TestingSkiffController implements AutoCloseable {

    private final TestingLauncher.Running process;
    private final Path log;
    private TestingLauncher.Result result;

    private TestingSkiffController(TestingLauncher.Running process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Creates a namespace of a fixed name (one a run left behind is deleted first) and waits for its
     * {@code default} ServiceAccount, which pods need before they can be created.
     */
    static void createNamespace(TestbedCluster cluster, String namespace) {
        if (!cluster.kubectl("get", "namespace", "--ignore-not-found", "-o", "name", namespace).isBlank()) {
            cluster.kubectl("delete", "namespace", namespace, "--wait=true", "--timeout=120s");
        }
        cluster.kubectl("create", "namespace", namespace);
        Await.until("ServiceAccount default in " + namespace, Duration.ofMinutes(1), () -> cluster.kubectl(
                "-n", namespace, "get", "serviceaccount", "--ignore-not-found", "-o", "name", "default").isBlank()
                ? Optional.empty() : Optional.of(true));
    }

    /**
     * Makes {@code namespace} ready for workflows as the README's install says: the distribution's CRDs in the
     * cluster (waited for until Established) and its executor RBAC in the namespace.
     */
    static void prepareNamespace(TestbedCluster cluster, String namespace) {
        Path manifests = TestingLauncher.home().resolve("manifests");
        cluster.kubectl("apply", "-f", manifests.resolve("crds.yaml").toString());
        for (String crd : List.of("workflows.argoproj.io", "workflowtaskresults.argoproj.io")) {
            // a CRD just created has no conditions yet, which `kubectl wait` refuses: poll
            Await.until("CRD " + crd + " to be established", Duration.ofMinutes(1), () -> "True".equals(cluster.kubectl(
                    "get", "crd", crd, "-o", "jsonpath={.status.conditions[?(@.type==\"Established\")].status}")
                    .strip()) ? Optional.of(true) : Optional.empty());
        }
        cluster.kubectl("apply", "-n", namespace, "-f", manifests.resolve("executor-rbac.yaml").toString());
    }

    /** Starts the controller for {@code namespace}; its config and log go to {@code dir}. */
    static TestingSkiffController start(TestbedCluster cluster, String namespace, Path dir) throws IOException {
        ProcessKubelet kubelet = cluster.kubelet().orElseThrow(() -> new IllegalStateException(
                "the testbed cluster " + cluster.name() + " has no process kubelet: pods would never run"));
        Files.createDirectories(dir);
        Path config = Files.writeString(dir.resolve("controller.yaml"), """
                clusterSecret: {enabled: false}
                namespace: %s
                clusters:
                  in-cluster:
                    auth: {type: kubeconfig, file: "%s"}
                workflowSources:
                  - cluster: in-cluster
                    namespaces: [%s]
                port: 0
                executor:
                  type: pod
                  image: "%s"
                """.formatted(namespace, cluster.kubeconfig(), namespace, kubelet.executorImage()));
        TestingLauncher.Running running = TestingLauncher.start(Map.of(), "controller", "--config", config.toString());
        return new TestingSkiffController(running, dir.resolve("controller.log"));
    }

    /** Whether the controller process still runs. */
    boolean alive() {
        return process.process().isAlive();
    }

    /** What the controller logged so far. */
    String logSoFar() throws IOException {
        return result != null ? result.stderr() : process.stderrSoFar();
    }

    /** Where {@link #close()} keeps the whole log. */
    Path log() {
        return log;
    }

    /**
     * Stops the controller with SIGTERM (as Kubernetes stops a pod), waits for it to exit, keeps its log in
     * {@link #log()} and returns how it ended.
     */
    TestingLauncher.Result stop() throws IOException, InterruptedException {
        if (result == null) {
            if (process.process().isAlive()) {
                process.signal("TERM");
            }
            result = process.awaitExit();
            Files.writeString(log, result.stderr(), StandardCharsets.UTF_8);
        }
        return result;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
    }
}
