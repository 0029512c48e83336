package dev.skiff.engine.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.config.WorkflowSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Argo's cron controller in the shell: the CronWorkflows of the served namespaces (an {@link ObjectWatch} per
 * workflow source, with the instance id selector), a work queue of their keys with the next activation of each as
 * a timer on it ({@link WorkQueue#addAt}: nothing polls), one worker running {@link CronSync}. A CronWorkflow is
 * synced when it changes, when its timer is due, and when a Workflow it owns changes (Argo's periodic
 * {@code syncAll}, here driven by the Workflow watch instead of a 10 s loop). The worker starts once the
 * CronWorkflows and the Workflows have been listed (the Workflows it owns must be known), acts only while the
 * controller does, and every write goes through the controller's gated clients.
 */
final class CronScheduler {

    private static final String BASE = "/apis/argoproj.io/v1alpha1/";

    private final Map<String, ObjectWatch> watches = new LinkedHashMap<>();
    private final WorkflowCache workflows;
    private final WorkQueue<CronKey> queue;
    private final CronSync sync;
    private final BooleanSupplier acting;
    private volatile boolean closed;

    CronScheduler(List<WorkflowSource> sources, Map<String, WorkflowApi> apis, String instanceId, Clock clock,
                  WorkflowCache workflows, BooleanSupplier acting, java.util.function.Consumer<WorkflowKey> enqueueWorkflow) {
        this.workflows = workflows;
        this.acting = acting;
        this.queue = new WorkQueue<>(clock);
        String selector = instanceId.isEmpty() ? "!" + WorkflowWatch.INSTANCE_ID_LABEL
                : WorkflowWatch.INSTANCE_ID_LABEL + "=" + instanceId;
        for (WorkflowSource source : sources) {
            String cluster = source.cluster();
            List<Optional<String>> namespaces = source.namespaces().isEmpty() ? List.of(Optional.empty())
                    : source.namespaces().stream().map(Optional::of).toList();
            for (Optional<String> ns : namespaces) {
                String path = ns.map(n -> BASE + "namespaces/" + n + "/cronworkflows").orElse(BASE + "cronworkflows");
                watches.computeIfAbsent(cluster + "/" + ns.orElse("*"), s -> new ObjectWatch(s + "/cronworkflows",
                        path, "CronWorkflow", apis.get(cluster).json(), selector,
                        (namespace, name) -> queue.add(new CronKey(cluster, namespace, name))));
            }
        }
        this.sync = new CronSync(clock, this::find, workflows, apis, queue, enqueueWorkflow);
    }

    List<ObjectWatch> watches() {
        return List.copyOf(watches.values());
    }

    boolean synced() {
        return watches.values().stream().allMatch(ObjectWatch::synced);
    }

    /** A Workflow changed: the CronWorkflow that owns it, if any, is synced (its active list and counts). */
    void workflowChanged(WorkflowKey key) {
        workflows.get(key).flatMap(e -> CronChildren.ownerName(e.object()))
                .ifPresent(owner -> queue.add(new CronKey(key.cluster(), key.namespace(), owner)));
    }

    /** This replica started leading: every CronWorkflow is processed (and its timer armed) again. */
    void startedLeading() {
        for (Map.Entry<String, ObjectWatch> e : watches.entrySet()) {
            String cluster = e.getKey().substring(0, e.getKey().indexOf('/'));
            for (ObjectNode cron : e.getValue().all()) {
                queue.add(new CronKey(cluster, cron.path("metadata").path("namespace").asText(""),
                        cron.path("metadata").path("name").asText("")));
            }
        }
    }

    void stoppedLeading() {
        sync.forgetAll();
    }

    Optional<Instant> armedAt(CronKey key) {
        return sync.armedAt(key);
    }

    Optional<String> seenVersion(CronKey key) {
        return sync.seenVersion(key);
    }

    /** The worker: waits for the first lists ({@code workflowWatches} too), then syncs keys until closed. */
    void work(List<WorkflowWatch> workflowWatches) {
        try {
            for (ObjectWatch watch : watches.values()) {
                watch.awaitSynced();
            }
            for (WorkflowWatch watch : workflowWatches) {
                watch.awaitSynced();
            }
        } catch (InterruptedException e) {
            return;
        }
        while (!closed) {
            Optional<CronKey> next;
            try {
                next = queue.take(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                return;
            }
            if (next.isEmpty()) {
                continue;
            }
            CronKey key = next.get();
            try {
                if (acting.getAsBoolean()) {
                    sync.sync(key);
                    queue.forget(key);
                }
            } catch (ApiFailure f) {
                if (!closed) {
                    ControllerLog.warn("cron.sync.failed", "cronWorkflow", key, "code", f.code(), "message",
                            f.getMessage());
                    queue.addRateLimited(key);
                }
            } catch (RuntimeException e) {
                if (!closed) {
                    ControllerLog.error("cron.sync.error", "cronWorkflow", key, "message", String.valueOf(e));
                    queue.addRateLimited(key);
                }
            } finally {
                queue.done(key);
            }
        }
    }

    void close() {
        closed = true;
        watches.values().forEach(ObjectWatch::close);
        queue.shutDown();
    }

    private Optional<ObjectNode> find(CronKey key) {
        for (Map.Entry<String, ObjectWatch> e : watches.entrySet()) {
            if (e.getKey().equals(key.cluster() + "/" + key.namespace()) || e.getKey().equals(key.cluster() + "/*")) {
                Optional<ObjectNode> found = e.getValue().get(key.namespace(), key.name());
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
