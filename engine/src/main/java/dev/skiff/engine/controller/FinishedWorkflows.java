package dev.skiff.engine.controller;

import dev.skiff.engine.core.TtlPolicy;
import dev.skiff.engine.model.TtlStrategy;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowCodec;
import dev.skiff.engine.model.WorkflowFormatException;
import dev.skiff.engine.model.WorkflowPhase;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Workflows labelled completed: never reconciled again (Argo's operate stops there), but their pods are cleaned
 * up and the executor drops what it kept for them, such as task results (once per object version; after a restart
 * that covers what a crash left) and {@code ttlStrategy} deletes
 * them when their time comes (the work queue calls back then).
 */
final class FinishedWorkflows {

    private final Clock clock;
    private final WorkQueue<WorkflowKey> queue;
    private final Map<String, WorkflowApi> apis;
    private final PodCleanup cleanup;
    private final Map<WorkflowKey, WorkflowSession> sessions;
    private final Map<WorkflowKey, String> handled = new ConcurrentHashMap<>();
    private final Map<WorkflowKey, Instant> expiries = new ConcurrentHashMap<>();

    FinishedWorkflows(Clock clock, WorkQueue<WorkflowKey> queue, Map<String, WorkflowApi> apis, PodCleanup cleanup,
                      Map<WorkflowKey, WorkflowSession> sessions) {
        this.clock = clock;
        this.queue = queue;
        this.apis = apis;
        this.cleanup = cleanup;
        this.sessions = sessions;
    }

    void handle(WorkflowKey key, WorkflowCache.Entry entry, WorkflowSession session) throws ApiFailure {
        Instant now = clock.instant();
        WorkflowSession s = session;
        if (!entry.resourceVersion().equals(handled.get(key))) {
            if (s == null || s.reconciler == null) {
                // Not finished by a session of this process: clean up what a crash may have left behind.
                WorkflowSession opened = open(key, entry);
                if (opened != null) {
                    opened.workflow.status().ifPresent(st -> cleanup.afterWrite(opened, st, now));
                }
                s = opened;
            }
            if (s != null) {
                WorkflowSession done = s;
                (done.reconciler != null ? Optional.of(done.reconciler.status()) : done.workflow.status())
                        .ifPresent(st -> cleanup.workflowCompleted(done, st));
            }
            handled.put(key, entry.resourceVersion());
        }
        if (s != null) {
            cleanup.deleteDue(s, now);
            if (s.deletes.isEmpty()) {
                sessions.remove(key);
            } else {
                sessions.put(key, s);
            }
        }
        ttl(key, entry, s, now);
    }

    private WorkflowSession open(WorkflowKey key, WorkflowCache.Entry entry) {
        try {
            var tree = entry.object();
            if (tree.path("status").path("compressedNodes").isTextual()) {
                tree = CompressedNodes.expand(tree.deepCopy());
            }
            Workflow wf = WorkflowCodec.read(tree, key.toString());
            return new WorkflowSession(key, entry.object(), wf, null);
        } catch (WorkflowFormatException | IllegalArgumentException e) {
            return null;
        }
    }

    private void ttl(WorkflowKey key, WorkflowCache.Entry entry, WorkflowSession s, Instant now) throws ApiFailure {
        Optional<Instant> deleteAt;
        if (s != null) {
            deleteAt = deleteAt(entry, s);
            deleteAt.ifPresentOrElse(at -> expiries.put(key, at), () -> expiries.remove(key));
        } else {
            // The session was dropped once the pods were cleaned up; the expiry was noted then.
            deleteAt = Optional.ofNullable(expiries.get(key));
        }
        if (deleteAt.isEmpty()) {
            return;
        }
        if (deleteAt.get().isAfter(now)) {
            queue.addAt(key, deleteAt.get());
            return;
        }
        ControllerLog.info("workflow.expired", "workflow", key, "message", "deleting it (ttlStrategy)");
        apis.get(key.cluster()).delete(key, entry.uid());
    }

    private static Optional<Instant> deleteAt(WorkflowCache.Entry entry, WorkflowSession s) {
        Optional<TtlStrategy> ttl;
        try {
            ttl = s.workflow.spec().ttlStrategy();
        } catch (WorkflowFormatException e) {
            return Optional.empty();
        }
        var status = entry.object().path("status");
        WorkflowPhase phase = WorkflowPhase.fromArgoName(status.path("phase").asText("")).orElse(WorkflowPhase.PENDING);
        return TtlPolicy.deleteAt(ttl, phase, time(status.path("finishedAt").asText("")));
    }

    private static Optional<Instant> time(String text) {
        try {
            return text.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    void forget(WorkflowKey key) {
        handled.remove(key);
        expiries.remove(key);
    }

    void forgetAll() {
        handled.clear();
        expiries.clear();
    }
}
