package dev.skiff.engine.controller;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The controller's Prometheus metrics (Prometheus' Java client 1.x), in a registry of its own so that two
 * controllers in one JVM (tests) keep separate counts.
 */
public final class ControllerMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter syncs;
    private final Histogram syncDuration;
    private final Counter stepsStarted;
    private final Counter apiErrors;
    private final Counter statusWrites;
    private final Counter watchRestarts;

    ControllerMetrics() {
        syncs = Counter.builder().name("skiff_workflow_syncs").help("Workflow syncs run by this replica")
                .register(registry);
        syncDuration = Histogram.builder().name("skiff_reconcile_duration_seconds")
                .help("Time one workflow sync took: reconcile, status write and decisions").register(registry);
        stepsStarted = Counter.builder().name("skiff_steps_started")
                .help("Steps handed to the executor to start (re-attaching after a restart not counted)")
                .register(registry);
        apiErrors = Counter.builder().name("skiff_api_errors").help("Failed API responses by HTTP status (0: unreachable)")
                .labelNames("code").register(registry);
        statusWrites = Counter.builder().name("skiff_status_writes").help("Workflow status writes by result")
                .labelNames("result").register(registry);
        watchRestarts = Counter.builder().name("skiff_watch_restarts").help("Workflow watches started again, by reason")
                .labelNames("reason").register(registry);
    }

    /** Gauges read when scraped: workflows by phase, queue depth, whether this replica leads. */
    void gauges(Supplier<Map<String, Long>> byPhase, IntSupplier queueDepth, BooleanSupplier leading) {
        GaugeWithCallback.builder().name("skiff_workflows").help("Workflows seen, by their phase label")
                .labelNames("phase").callback(cb -> byPhase.get().forEach((phase, n) -> cb.call(n, phase)))
                .register(registry);
        GaugeWithCallback.builder().name("skiff_queue_depth").help("Workflows waiting for a worker")
                .callback(cb -> cb.call(queueDepth.getAsInt())).register(registry);
        GaugeWithCallback.builder().name("skiff_leader").help("1 while this replica leads, else 0")
                .callback(cb -> cb.call(leading.getAsBoolean() ? 1 : 0)).register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    void synced(long nanos) {
        syncs.inc();
        syncDuration.observe(nanos / 1e9);
    }

    void stepStarted() {
        stepsStarted.inc();
    }

    void apiError(int code) {
        apiErrors.labelValues(String.valueOf(code)).inc();
    }

    void statusWrite(String result) {
        statusWrites.labelValues(result).inc();
    }

    void watchRestart(String reason) {
        watchRestarts.labelValues(reason).inc();
    }

    /** Syncs run so far (for tests: a replica that does not lead runs none). */
    public long syncCount() {
        return (long) syncs.get();
    }

    /** Steps started so far. */
    public long stepsStartedCount() {
        return (long) stepsStarted.get();
    }

    /** Status writes with this result so far. */
    public long statusWriteCount(String result) {
        return (long) statusWrites.labelValues(result).get();
    }
}
