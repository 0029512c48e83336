package dev.skiff.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Argo's own workflow-controller (built by {@code prepare.sh --with-workflow-controller}) running
 * against a testbed cluster, namespaced to one test namespace, with Argo's minimal CRDs installed
 * from the copy of Argo's module in the build cache.
 */
final class TestingArgoController implements AutoCloseable {
    private final Process process;
    private final Path log;

    private TestingArgoController(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static TestingArgoController start(TestbedCluster cluster, ProcessKubelet kubelet, String namespace) throws IOException {
        Path binary = kubelet.workflowController().orElseThrow();
        installCrds(cluster, kubelet);
        cluster.kubectl("-n", namespace, "create", "configmap", "workflow-controller-configmap");
        Path log = Files.createTempFile("skiff-argo-controller-", ".log");
        ProcessBuilder builder = new ProcessBuilder(binary.toString(), "--kubeconfig", cluster.kubeconfig().toString(),
                "--namespaced", "--managed-namespace", namespace, "--namespace", namespace,
                "--executor-image", kubelet.executorImage())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("LEADER_ELECTION_DISABLE", "true");
        builder.environment().put("LEADER_ELECTION_IDENTITY", "skiff-testbed");
        return new TestingArgoController(builder.start(), log);
    }

    /** Argo's minimal CRDs (open schemas) of every kind its controller watches. */
    private static void installCrds(TestbedCluster cluster, ProcessKubelet kubelet) throws IOException {
        Path crds = kubelet.argoexec().getParent().getParent()
                .resolve("src/argo-workflows/manifests/base/crds/minimal");
        List<Path> files;
        try (Stream<Path> list = Files.list(crds)) {
            files = list.filter(p -> p.getFileName().toString().startsWith("argoproj.io_")).sorted().toList();
        }
        for (Path file : files) {
            cluster.kubectl("apply", "-f", file.toString());
        }
        // argoproj.io_workflows.yaml defines workflows.argoproj.io
        TestingArgoNamespace.awaitEstablished(cluster, files.stream()
                .map(f -> f.getFileName().toString().replaceFirst("^argoproj\\.io_(.*)\\.yaml$", "$1.argoproj.io"))
                .toList());
    }

    /** The end of the controller's log, for failure messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
