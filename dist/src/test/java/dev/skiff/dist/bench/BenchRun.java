package dev.skiff.dist.bench;

import dev.skiff.testbed.TestbedCluster;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One benchmark run on one cluster: every scenario against each contender, one after the other. Each (scenario,
 * controller) pair gets a fresh namespace and a freshly started controller watching only that namespace; the
 * controller first completes one warm-up workflow (so it is ready, and so both are measured past their start-up),
 * and the namespace is deleted (and, but at the tiny size, waited for) afterwards, so one run's objects never load
 * the next.
 */
final class BenchRun {

    static final Duration ARGO_REQUEUE_FAST = Duration.ofSeconds(1);
    private static final Duration NAMESPACE_GONE = Duration.ofMinutes(10);

    /** What a scenario does with a ready controller in its namespace. */
    @FunctionalInterface
    interface Body {
        void run(String namespace, RunningController controller) throws Exception;
    }

    private final TestbedCluster cluster;
    private final List<TestbedCluster> spokes;
    private final BenchSize size;
    private final ClientLimits limits;
    private final Set<Contender> contenders;
    private final Set<String> scenarios;
    private final Path dir;
    private final PrintStream log;
    private final BenchFigures figures = new BenchFigures();
    private final KubeRequests kube;
    private final String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000), 16);

    /** Names of the scenarios, in the order they run. */
    static final List<String> SCENARIOS = List.of("chain", "fanout", "multicluster", "throughput", "running");

    /** The scenario that needs the spoke clusters (and runs Skiff only). */
    static final String MULTICLUSTER = "multicluster";

    /**
     * A run on {@code cluster}; {@code spokes} are the further clusters of the multi-cluster fan-out (spoke1,
     * spoke2; needed only when that scenario is selected).
     */
    BenchRun(TestbedCluster cluster, List<TestbedCluster> spokes, BenchSize size, ClientLimits limits,
             Set<Contender> contenders, Set<String> scenarios, Path dir, PrintStream log) {
        if (scenarios.contains(MULTICLUSTER) && spokes.isEmpty()) {
            throw new IllegalArgumentException("the multicluster scenario needs the spoke clusters");
        }
        this.cluster = cluster;
        this.spokes = List.copyOf(spokes);
        this.size = size;
        this.limits = limits;
        this.contenders = contenders;
        this.scenarios = scenarios;
        this.dir = dir;
        this.log = log;
        this.kube = new KubeRequests(cluster.apiClient());
    }

    /** Runs every scenario and returns the figures. */
    BenchFigures run() throws Exception {
        about();
        ArgoControllerProcess.installCrds(cluster);
        Scenarios scenarios = new Scenarios(cluster, size, limits, kube, figures, log);
        if (this.scenarios.contains("fanout")) {
            String rawNamespace = "bench-raw-" + suffix;
            kube.createNamespace(rawNamespace);
            try {
                scenarios.rawCreateRate(rawNamespace);
            } finally {
                deleteNamespace(rawNamespace);
            }
        }
        for (Contender who : only("chain")) {
            with(who, Optional.empty(), "chain", (ns, c) -> scenarios.chain(ns, who.key(), who == Contender.SKIFF
                    ? size.chainSteps() : size.chainStepsArgoDefault()));
            if (who == Contender.ARGO) {
                with(who, Optional.of(ARGO_REQUEUE_FAST), "chain-1s", (ns, c) -> scenarios.chain(ns,
                        "argo_requeue_1s", size.chainSteps()));
            }
        }
        for (Contender who : only("fanout")) {
            with(who, Optional.empty(), "fanout", (ns, c) -> scenarios.fanout(ns, who.key()));
        }
        if (this.scenarios.contains(MULTICLUSTER) && contenders.contains(Contender.SKIFF)) {
            for (TestbedCluster spoke : spokes) {
                ArgoControllerProcess.installCrds(spoke);
            }
            with(Contender.SKIFF, Optional.empty(), MULTICLUSTER, (ns, c) -> scenarios.fanoutAcross(ns, spokes));
        }
        for (Contender who : only("throughput")) {
            with(who, Optional.empty(), "throughput", (ns, c) -> scenarios.throughput(ns, who.key()));
        }
        for (Contender who : only("running")) {
            with(who, Optional.empty(), "running", (ns, c) -> scenarios.running(ns, who.key(), c));
        }
        loadAverage();
        return figures;
    }

    /** The contenders, or none when the scenario is not selected. */
    private Set<Contender> only(String scenario) {
        return scenarios.contains(scenario) ? contenders : Set.of();
    }

    private void with(Contender who, Optional<Duration> requeue, String scenario, Body body) throws Exception {
        String namespace = "bench-" + scenario + "-" + who.key() + "-" + suffix;
        Path runDir = dir.resolve(scenario + "-" + who.key());
        log.printf("bench: %s with %s%s (namespace %s, logs in %s)%n", scenario, who.key(),
                requeue.map(d -> " (DEFAULT_REQUEUE_TIME=" + d.toSeconds() + "s)").orElse(""), namespace, runDir);
        loadAverage();
        List<TestbedCluster> targets = scenario.equals(MULTICLUSTER) ? spokes : List.of();
        kube.createNamespace(namespace);
        for (TestbedCluster spoke : targets) {
            new KubeRequests(spoke.apiClient()).createNamespace(namespace);
        }
        try {
            run(who, requeue, scenario, body, runDir, namespace, targets);
        } catch (BenchException e) {
            // The other scenarios still run; the table shows what was measured and the run exits 1.
            failures.add(e.getMessage().lines().findFirst().orElse(scenario + " with " + who.key() + " failed"));
            figures.about("failures", List.copyOf(failures));
            log.println("bench: " + e.getMessage());
        } finally {
            deleteNamespace(namespace);
            for (TestbedCluster spoke : targets) {
                new KubeRequests(spoke.apiClient()).deleteNamespace(namespace, NAMESPACE_GONE);
            }
        }
    }

    /** What failed, one line each (empty when everything was measured). */
    List<String> failures() {
        return List.copyOf(failures);
    }

    private void run(Contender who, Optional<Duration> requeue, String scenario, Body body, Path runDir,
                     String namespace, List<TestbedCluster> targets) throws Exception {
        Files.createDirectories(runDir);
        try (RunningController controller = switch (who) {
            case SKIFF -> SkiffControllerProcess.start(cluster, namespace, limits, runDir, targets);
            case ARGO -> ArgoControllerProcess.start(cluster, namespace, limits, requeue, runDir);
        }) {
            try {
                Scenarios.warmUp(kube, cluster, namespace);
                body.run(namespace, controller);
            } catch (Exception | AssertionError e) {
                throw new BenchException(scenario + " with " + who.key() + " failed: " + e.getMessage()
                        + "\ncontroller log (end):\n" + controller.logTail(), e);
            }
        }
    }

    private void deleteNamespace(String namespace) throws IOException, InterruptedException {
        if (!size.awaitNamespaceGone()) {
            kube.startNamespaceDeletion(namespace);
            log.printf("bench: namespace %s being deleted (not waited for at size %s)%n", namespace, size.name());
            return;
        }
        long start = System.nanoTime();
        if (!kube.deleteNamespace(namespace, NAMESPACE_GONE)) {
            log.printf("bench: namespace %s still there after %s; going on%n", namespace, NAMESPACE_GONE);
        } else {
            log.printf("bench: namespace %s deleted in %.1f s%n", namespace, (System.nanoTime() - start) / 1e9);
        }
    }

    private void about() {
        figures.about("size", size.name());
        figures.about("sizes", java.util.Map.of("chain_steps", size.chainSteps(), "chain_steps_argo_default_requeue",
                size.chainStepsArgoDefault(), "fanout_pods", size.fanoutPods(), "one_step_workflows",
                size.oneStepWorkflows(), "running_workflows", size.runningWorkflows()));
        figures.about("limits", java.util.Map.of("workers", limits.workers(), "qps", limits.qps(), "burst",
                limits.burst()));
        figures.about("argo_version", cluster.kubelet().map(k -> k.argoVersion()).orElse("?"));
        figures.about("cores", Runtime.getRuntime().availableProcessors());
        figures.about("started", java.time.Instant.now().toString());
    }

    private final List<Double> loads = new java.util.ArrayList<>();
    private final List<String> failures = new java.util.ArrayList<>();

    /** Samples the 1-minute load average (the machine is shared); the run's samples go to the JSON. */
    private void loadAverage() {
        try {
            double load = Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
            loads.add(load);
            figures.about("load_average_1m_samples", List.copyOf(loads));
        } catch (IOException | RuntimeException e) {
            log.println("bench: cannot read /proc/loadavg: " + e.getMessage());
        }
    }
}
