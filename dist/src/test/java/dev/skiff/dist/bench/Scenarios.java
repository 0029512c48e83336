package dev.skiff.dist.bench;

import dev.skiff.engine.controller.TokenBucket;
import dev.skiff.testbed.TestbedCluster;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The measurements. Times are when the harness's own watch saw an event (monotonic clock), so both controllers
 * are timed by the same observer; correctness is checked on the way (every workflow Succeeded, every pod there).
 */
final class Scenarios {

    private static final String WORKFLOW_LABEL = "workflows.argoproj.io/workflow";
    private static final Set<String> FINAL = Set.of("Succeeded", "Failed", "Error");

    private final TestbedCluster cluster;
    private final BenchSize size;
    private final ClientLimits limits;
    private final KubeRequests kube;
    private final BenchFigures figures;
    private final PrintStream log;

    Scenarios(TestbedCluster cluster, BenchSize size, ClientLimits limits, KubeRequests kube, BenchFigures figures,
              PrintStream log) {
        this.cluster = cluster;
        this.size = size;
        this.limits = limits;
        this.kube = kube;
        this.figures = figures;
        this.log = log;
    }

    private static String workflows(String namespace) {
        return "/apis/argoproj.io/v1alpha1/namespaces/" + namespace + "/workflows";
    }

    /** One one-step workflow, until it Succeeded: the controller is up and acting. */
    static void warmUp(KubeRequests kube, TestbedCluster cluster, String namespace) throws Exception {
        try (ObjectWatch wfs = ObjectWatch.workflows(cluster.apiClient(), namespace,
                Workloads.SCENARIO_LABEL + "=warm-up")) {
            kube.post(workflows(namespace), Workloads.oneStep("warm-up"));
            awaitFinal(wfs, "warm-up", Duration.ofMinutes(3));
        }
    }

    /** A plain client at the controllers' QPS/burst creating as many pods as the fan-out: the limit. */
    void rawCreateRate(String namespace) throws Exception {
        int n = size.fanoutPods();
        long start = System.nanoTime();
        kube.createAll("/api/v1/namespaces/" + namespace + "/pods", n, i -> Workloads.rawPod("raw-" + i),
                new TokenBucket(limits.qps(), limits.burst(), System::nanoTime));
        double rate = n / seconds(start, System.nanoTime());
        figures.put("fanout_pods_per_s", "raw", rate);
        log.printf("bench: raw client created %d pods at %.1f pods/s%n", n, rate);
    }

    /** A chain of instant steps: previous pod Succeeded -> next pod created, p50 and p95. */
    void chain(String namespace, String who, int steps) throws Exception {
        try (ObjectWatch pods = ObjectWatch.pods(cluster.apiClient(), namespace, WORKFLOW_LABEL + "=chain");
             ObjectWatch wfs = ObjectWatch.workflows(cluster.apiClient(), namespace,
                     Workloads.SCENARIO_LABEL + "=chain")) {
            long start = System.nanoTime();
            kube.post(workflows(namespace), Workloads.chain("chain", steps));
            awaitFinal(wfs, "chain", Duration.ofSeconds(120 + steps * 20L));
            long end = System.nanoTime();
            Map<String, Long> created = new LinkedHashMap<>();
            Map<String, Long> ended = new LinkedHashMap<>();
            for (ObjectWatch.Event e : pods.events()) {
                created.putIfAbsent(e.name(), e.nanos());
                if (e.phase().equals("Succeeded")) {
                    ended.putIfAbsent(e.name(), e.nanos());
                }
            }
            List<String> order = new ArrayList<>(created.keySet());
            if (order.size() != steps) {
                throw new BenchException("the chain of " + steps + " steps made " + order.size() + " pods");
            }
            List<Double> gaps = new ArrayList<>();
            for (int i = 0; i + 1 < order.size(); i++) {
                Long previous = ended.get(order.get(i));
                if (previous == null) {
                    throw new BenchException("pod " + order.get(i) + " was never seen Succeeded");
                }
                gaps.add((created.get(order.get(i + 1)) - previous) / 1e6);
            }
            double p50 = Percentiles.of(gaps, 0.50);
            double p95 = Percentiles.of(gaps, 0.95);
            figures.put("chain_gap_p50_ms", who, p50);
            figures.put("chain_gap_p95_ms", who, p95);
            figures.put("chain_total_s", who, seconds(start, end));
            log.printf("bench: chain of %d with %s: gap p50 %.0f ms, p95 %.0f ms, submit -> Succeeded %.1f s%n", steps,
                    who, p50, p95, seconds(start, end));
        }
    }

    /** One workflow fanning out to instant pods: submit -> the last pod created. */
    void fanout(String namespace, String who) throws Exception {
        int n = size.fanoutPods();
        try (ObjectWatch pods = ObjectWatch.pods(cluster.apiClient(), namespace, WORKFLOW_LABEL + "=fan");
             ObjectWatch wfs = ObjectWatch.workflows(cluster.apiClient(), namespace,
                     Workloads.SCENARIO_LABEL + "=fan")) {
            Duration timeout = Duration.ofSeconds(300 + (long) (5 * n / limits.qps()));
            long start = System.nanoTime();
            kube.post(workflows(namespace), Workloads.fanout("fan", n));
            pods.await(n + " pods created", timeout, w -> w.count(s -> true) >= n);
            Map<String, Long> created = new LinkedHashMap<>();
            for (ObjectWatch.Event e : pods.events()) {
                created.putIfAbsent(e.name(), e.nanos());
            }
            long lastCreated = created.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            awaitFinal(wfs, "fan", timeout);
            long done = System.nanoTime();
            double rate = n / seconds(start, lastCreated);
            figures.put("fanout_pods_per_s", who, rate);
            figures.put("fanout_all_succeeded_s", who, seconds(start, done));
            log.printf("bench: fan-out to %d pods with %s: %.1f pods/s; Succeeded after %.1f s%n", n, who, rate,
                    seconds(start, done));
        }
    }

    /**
     * The fan-out split evenly across the hub and the spokes (Skiff only: Argo's controller has no clusters):
     * submit -> the last pod seen created in any of them; pods/s. Each cluster is a client limit of its own.
     */
    void fanoutAcross(String namespace, List<TestbedCluster> spokes) throws Exception {
        List<TestbedCluster> all = new ArrayList<>();
        all.add(cluster);
        all.addAll(spokes);
        int perCluster = (size.fanoutPods() + all.size() - 1) / all.size();
        int n = perCluster * all.size();
        List<ObjectWatch> pods = new ArrayList<>();
        try (ObjectWatch wfs = ObjectWatch.workflows(cluster.apiClient(), namespace,
                Workloads.SCENARIO_LABEL + "=fanx")) {
            for (TestbedCluster c : all) {
                pods.add(ObjectWatch.pods(c.apiClient(), namespace, WORKFLOW_LABEL + "=fanx"));
            }
            Duration timeout = Duration.ofSeconds(300 + (long) (5 * perCluster / limits.qps()));
            long start = System.nanoTime();
            kube.post(workflows(namespace), Workloads.fanoutAcross("fanx", perCluster,
                    all.stream().map(c -> c == cluster ? "in-cluster" : c.name()).toList()));
            long lastCreated = 0;
            for (int i = 0; i < all.size(); i++) {
                pods.get(i).await(perCluster + " pods created in " + all.get(i).name(), timeout,
                        w -> w.count(s -> true) >= perCluster);
                Map<String, Long> created = new LinkedHashMap<>();
                for (ObjectWatch.Event e : pods.get(i).events()) {
                    created.putIfAbsent(e.name(), e.nanos());
                }
                lastCreated = Math.max(lastCreated, created.values().stream().mapToLong(Long::longValue).max()
                        .orElseThrow());
            }
            awaitFinal(wfs, "fanx", timeout);
            long done = System.nanoTime();
            double rate = n / seconds(start, lastCreated);
            figures.put("fanout_multicluster_pods_per_s", "skiff", rate);
            figures.put("fanout_multicluster_all_succeeded_s", "skiff", seconds(start, done));
            figures.get("fanout_pods_per_s", "skiff").ifPresent(single ->
                    figures.put("fanout_multicluster_pods_per_s", "single_cluster", single));
            // Its finalizer (skiff.dev/remote-cleanup) needs the running controller: deleted now, not with the
            // namespace after the controller stopped.
            if (!kube.delete(workflows(namespace) + "/fanx", timeout)) {
                throw new BenchException("the multi-cluster workflow was not deleted within " + timeout);
            }
            log.printf("bench: fan-out to %d pods across %d clusters with skiff: %.1f pods/s; Succeeded after %.1f s%n",
                    n, all.size(), rate, seconds(start, done));
        } finally {
            pods.forEach(ObjectWatch::close);
        }
    }

    /** Many one-step workflows submitted at once: workflows per minute until all Succeeded. */
    void throughput(String namespace, String who) throws Exception {
        int n = size.oneStepWorkflows();
        try (ObjectWatch wfs = ObjectWatch.workflows(cluster.apiClient(), namespace,
                Workloads.SCENARIO_LABEL + "=one")) {
            long start = System.nanoTime();
            kube.createAll(workflows(namespace), n, i -> Workloads.oneStep("one-" + i), null);
            long done = wfs.await(n + " workflows Succeeded", Duration.ofSeconds(300 + 2L * n), w -> {
                if (w.count(s -> s.phase().equals("Failed") || s.phase().equals("Error")) > 0) {
                    throw new BenchException("a one-step workflow did not succeed");
                }
                return w.count(s -> s.phase().equals("Succeeded")) >= n;
            });
            double perMinute = n / (seconds(start, done) / 60.0);
            figures.put("throughput_wf_per_min", who, perMinute);
            log.printf("bench: %d one-step workflows with %s: %.0f wf/min (%.1f s)%n", n, who, perMinute,
                    seconds(start, done));
        }
    }

    /** Many suspended workflows held Running: the controller's RSS, live heap after GC and CPU time. */
    void running(String namespace, String who, RunningController controller) throws Exception {
        int n = size.runningWorkflows();
        try (ObjectWatch wfs = ObjectWatch.workflows(cluster.apiClient(), namespace,
                Workloads.SCENARIO_LABEL + "=hold")) {
            ProcessStats before = ProcessStats.of(controller.pid());
            long start = System.nanoTime();
            kube.createAll(workflows(namespace), n, i -> Workloads.suspended("hold-" + i), null);
            long running = wfs.await(n + " workflows Running on their suspend step", Duration.ofSeconds(300 + 2L * n),
                    w -> w.count(s -> s.phase().equals("Running") && s.nodes() >= 2) >= n);
            ProcessStats after = ProcessStats.of(controller.pid());
            if (controller instanceof ArgoControllerProcess argo) {
                awaitNextGoCollection(argo);
            }
            double heap = controller.heapAfterGcMiB();
            if (controller instanceof SkiffControllerProcess skiff) {
                skiff.keepMemoryProfile();
            }
            figures.put("heap_mib_1000_running", who, heap);
            figures.put("rss_mib_1000_running", who, after.rssMiB());
            figures.put("cpu_s_1000_running", who, after.cpuSeconds() - before.cpuSeconds());
            figures.put("cpu_s_total_1000_running", who, after.cpuSeconds());
            log.printf("bench: %d running workflows with %s (all Running after %.1f s): heap %.1f MiB, RSS %.1f MiB,"
                    + " CPU %.1f s (%.1f s since start)%n", n, who, seconds(start, running), heap, after.rssMiB(),
                    after.cpuSeconds() - before.cpuSeconds(), after.cpuSeconds());
        }
    }

    /** Go collects on its own: waits (at most the size's limit) for one collection after the workflows all run. */
    private void awaitNextGoCollection(ArgoControllerProcess argo) throws Exception {
        int seen = argo.collections();
        long end = System.nanoTime() + Duration.ofSeconds(size.goGcWaitSeconds()).toNanos();
        while (argo.collections() == seen && System.nanoTime() < end) {
            Thread.sleep(1000);
        }
    }

    private static void awaitFinal(ObjectWatch wfs, String name, Duration timeout) throws InterruptedException {
        wfs.await(name + " to finish", timeout, w -> w.state(name) != null && FINAL.contains(w.state(name).phase()));
        String phase = wfs.state(name).phase();
        if (!phase.equals("Succeeded")) {
            throw new BenchException("workflow " + name + " ended " + phase);
        }
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }
}
