package dev.skiff.dist.bench;

import dev.skiff.testbed.Await;
import dev.skiff.testbed.ProcessKubelet;
import dev.skiff.testbed.TestbedCluster;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Argo's own {@code workflow-controller} (built by {@code testbed/prepare.sh --with-workflow-controller}) as a host
 * process, as the conformance oracle ran it: admin kubeconfig, {@code --namespaced} to one namespace with an empty
 * {@code workflow-controller-configmap} there (only its metrics port moved to a free one, so that concurrent runs
 * on the machine never collide), leader election off, Argo's minimal CRDs. Its Go runtime prints each garbage
 * collection ({@code GODEBUG=gctrace=1}), which gives the live heap after a collection.
 */
final class ArgoControllerProcess implements RunningController {

    /** {@code gc N @T s P%: ... A->B->C MB, ...}: C is the live heap marked by that collection. */
    private static final Pattern GC = Pattern.compile("(?m)^gc \\d+ @[0-9.]+s .*?(\\d+)->(\\d+)->(\\d+) MB");

    private final Process process;
    private final LogFile log;

    private ArgoControllerProcess(Process process, LogFile log) {
        this.process = process;
        this.log = log;
    }

    /** The workflow-controller binary of the testbed's build cache. */
    static Optional<Path> binary(TestbedCluster cluster) {
        return cluster.kubelet().flatMap(ProcessKubelet::workflowController);
    }

    /**
     * Starts it on {@code namespace}.
     *
     * @param requeue {@code DEFAULT_REQUEUE_TIME}; empty keeps Argo's default (10 s)
     */
    static ArgoControllerProcess start(TestbedCluster cluster, String namespace, ClientLimits limits,
                                       Optional<Duration> requeue, Path dir) throws IOException {
        Path binary = binary(cluster).orElseThrow(() -> new IllegalStateException(
                "Argo's workflow-controller is not built: run testbed/prepare.sh --with-workflow-controller"));
        Files.createDirectories(dir);
        cluster.kubectl("-n", namespace, "create", "configmap", "workflow-controller-configmap",
                "--from-literal=metricsConfig={port: " + freePort() + "}");
        LogFile log = new LogFile(dir.resolve("workflow-controller.log"));
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--kubeconfig",
                cluster.kubeconfig().toString(), "--namespaced", "--managed-namespace", namespace,
                "--namespace", namespace, "--executor-image", cluster.kubelet().orElseThrow().executorImage(),
                "--workflow-workers", Integer.toString(limits.workers()), "--qps", Double.toString(limits.qps()),
                "--burst", Integer.toString(limits.burst())));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.path().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("LEADER_ELECTION_DISABLE", "true");
        builder.environment().put("LEADER_ELECTION_IDENTITY", "skiff-bench");
        builder.environment().put("GODEBUG", "gctrace=1");
        requeue.ifPresent(d -> builder.environment().put("DEFAULT_REQUEUE_TIME", d.toMillis() + "ms"));
        return new ArgoControllerProcess(builder.start(), log);
    }

    /**
     * Argo's minimal CRDs (open schemas) of the kinds its controller watches, from the copy of Argo's module in the
     * build cache; a CRD the cluster has already (Skiff's {@code manifests/crds.yaml} defines the same names with
     * the same open schema) is left as it is.
     */
    static void installCrds(TestbedCluster cluster) throws IOException {
        Path crds = cluster.kubelet().orElseThrow().argoexec().getParent().getParent()
                .resolve("src/argo-workflows/manifests/base/crds/minimal");
        List<Path> files;
        try (Stream<Path> list = Files.list(crds)) {
            files = list.filter(p -> p.getFileName().toString().startsWith("argoproj.io_")).sorted().toList();
        }
        Lines present = new Lines(cluster.kubectl("get", "crd", "-o", "name"));
        List<String> names = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString().replaceFirst("^argoproj\\.io_(.*)\\.yaml$", "$1.argoproj.io");
            names.add(name);
            if (!present.has("customresourcedefinition.apiextensions.k8s.io/" + name)) {
                cluster.kubectl("create", "-f", file.toString());
            }
        }
        // A just created CRD has no conditions yet, which `kubectl wait` refuses: poll for Established.
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String name : names) {
            Await.until("CRD " + name + " to be established", Duration.ofMinutes(1), () -> {
                for (var condition : json.readTree(cluster.kubectl("get", "crd", name, "-o", "json"))
                        .path("status").path("conditions")) {
                    if (condition.path("type").asText().equals("Established")
                            && condition.path("status").asText().equals("True")) {
                        return Optional.of(true);
                    }
                }
                return Optional.empty();
            });
        }
    }

    /** Lines of {@code kubectl get -o name}. */
    private record Lines(String lines) {
        boolean has(String line) {
            return lines.lines().anyMatch(line::equals);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public long pid() {
        return process.pid();
    }

    /** The live heap of the last garbage collection in the log. */
    @Override
    public double heapAfterGcMiB() throws IOException {
        Matcher m = GC.matcher(log.text());
        String live = null;
        while (m.find()) {
            live = m.group(3);
        }
        if (live == null) {
            throw new IOException("Argo's controller logged no garbage collection (GODEBUG=gctrace=1)");
        }
        return Double.parseDouble(live);
    }

    /** How many collections it has logged so far. */
    int collections() throws IOException {
        return (int) GC.matcher(log.text()).results().count();
    }

    @Override
    public String logTail() {
        return log.tail();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
