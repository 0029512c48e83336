package dev.skiff.dist.bench;

import dev.skiff.testbed.TestbedCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/skiff controller} of the built distribution, as a user starts it (the launcher's JVM options, no
 * tuning), watching one namespace with the admin kubeconfig, leader election off.
 */
final class SkiffControllerProcess implements RunningController {

    private static final Pattern PORT = Pattern.compile("event=controller\\.started .*port=(\\d+)");
    /** A space of {@code GC.heap_info}: "DefNew total 116224K, used 0K", "Tenured ...", "garbage-first heap ...". */
    private static final Pattern HEAP = Pattern.compile("(?m)^\\s*[A-Za-z][A-Za-z -]*?\\s+total\\s+\\d+K,\\s+used\\s+(\\d+)K");

    private final Process process;
    private final LogFile log;

    private SkiffControllerProcess(Process process, LogFile log) {
        this.process = process;
        this.log = log;
    }

    /** The distribution tree ({@code skiff.home}, as the dist ITs have it; else {@code target/skiff}). */
    static Path home() {
        return Path.of(System.getProperty("skiff.home", "target/skiff")).toAbsolutePath();
    }

    static SkiffControllerProcess start(TestbedCluster cluster, String namespace, ClientLimits limits, Path dir)
            throws IOException {
        return start(cluster, namespace, limits, dir, List.of());
    }

    /**
     * Likewise, with {@code spokes} as further clusters of the controller (named like them, admin kubeconfig), in
     * which workflows of the namespace may run steps with the controller's own credentials.
     */
    static SkiffControllerProcess start(TestbedCluster cluster, String namespace, ClientLimits limits, Path dir,
                                        List<TestbedCluster> spokes) throws IOException {
        Files.createDirectories(dir);
        StringBuilder more = new StringBuilder();
        for (TestbedCluster spoke : spokes) {
            more.append("  ").append(spoke.name()).append(":\n    auth: {type: kubeconfig, file: ")
                    .append(spoke.kubeconfig()).append("}\n");
        }
        String tenants = spokes.isEmpty() ? "" : "tenants: {controllerCredentialsElsewhere: true}\n";
        Path config = dir.resolve("controller.yaml");
        Files.writeString(config, """
                instanceId: ""
                namespace: %s
                clusterSecret: {enabled: false}
                clusters:
                  in-cluster:
                    auth: {type: kubeconfig, file: %s}
                %sworkflowSources:
                  - cluster: in-cluster
                    namespaces: [%s]
                workers: %d
                qps: %s
                burst: %d
                port: 0
                leaderElection: {enabled: false}
                executor:
                  type: pod
                  image: %s
                %s""".formatted(namespace, cluster.kubeconfig(), more, namespace, limits.workers(), limits.qps(),
                limits.burst(), cluster.kubelet().orElseThrow().executorImage(), tenants));
        LogFile log = new LogFile(dir.resolve("controller.log"));
        ProcessBuilder builder = new ProcessBuilder(List.of("env", "--default-signal=INT,TERM",
                home().resolve("bin/skiff").toString(), "controller", "--config", config.toString()))
                .redirectErrorStream(true).redirectOutput(log.path().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("HOME", dir.toString());
        return new SkiffControllerProcess(builder.start(), log);
    }

    @Override
    public long pid() {
        return process.pid();
    }

    /** {@code jcmd PID GC.run}, then the heap's used bytes from {@code GC.heap_info}. */
    @Override
    public double heapAfterGcMiB() throws IOException, InterruptedException {
        jcmd("GC.run");
        Matcher m = HEAP.matcher(jcmd("GC.heap_info"));
        long usedKib = 0;
        while (m.find()) {
            usedKib += Long.parseLong(m.group(1));
        }
        if (usedKib == 0) {
            throw new IOException("jcmd GC.heap_info printed no heap figures");
        }
        return usedKib / 1024.0;
    }

    /**
     * When the controller runs with Native Memory Tracking ({@code SKIFF_JAVA_OPTS} with
     * {@code -XX:NativeMemoryTracking=summary}): its {@code VM.native_memory summary} and the heap's top classes
     * ({@code GC.class_histogram}) beside its log, {@code nmt.txt} and {@code histogram.txt}.
     */
    void keepMemoryProfile() throws IOException, InterruptedException {
        if (!System.getenv().getOrDefault("SKIFF_JAVA_OPTS", "").contains("NativeMemoryTracking")) {
            return;
        }
        Files.writeString(log.path().resolveSibling("nmt.txt"), jcmd("VM.native_memory summary"));
        Files.writeString(log.path().resolveSibling("histogram.txt"), jcmd("GC.class_histogram").lines().limit(60)
                .collect(java.util.stream.Collectors.joining("\n", "", "\n")));
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> args = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid())));
        args.addAll(List.of(command.split(" ")));
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + command + " failed: " + out);
        }
        return out;
    }

    @Override
    public String logTail() {
        return log.tail();
    }

    /** Keeps {@code /metrics} (status writes, steps started, API errors) beside the log, then SIGTERM. */
    @Override
    public void close() throws IOException, InterruptedException {
        Matcher port = PORT.matcher(log.text());
        if (port.find() && process.isAlive()) {
            try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
                String metrics = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://127.0.0.1:" + port.group(1) + "/metrics")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                Files.writeString(log.path().resolveSibling("metrics.txt"), metrics);
            } catch (IOException e) {
                Files.writeString(log.path().resolveSibling("metrics.txt"), "unavailable: " + e.getMessage());
            }
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
