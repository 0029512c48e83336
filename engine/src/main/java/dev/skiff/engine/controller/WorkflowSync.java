package dev.skiff.engine.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.core.ArtifactRepository;
import dev.skiff.engine.core.Observation;
import dev.skiff.engine.core.ReconcileLimits;
import dev.skiff.engine.core.Decision;
import dev.skiff.engine.core.Reconciliation;
import dev.skiff.engine.core.WorkflowAdmission;
import dev.skiff.engine.core.WorkflowReconciler;
import dev.skiff.engine.core.ConfigMapStore;
import dev.skiff.engine.core.WorkflowTemplates;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowCodec;
import dev.skiff.engine.model.WorkflowFormatException;
import dev.skiff.engine.model.WorkflowPhase;
import dev.skiff.engine.model.WorkflowStatus;
import dev.skiff.spi.executor.StepExecutor;
import dev.skiff.spi.executor.StepRef;
import dev.skiff.spi.executor.StepTarget;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * One sync of one workflow: the cached object and the executor's reports go through the pure reconciler; the
 * status is written first (so that a crash never repeats a side effect: what was not recorded is decided again);
 * then steps are started and stopped, timers set and pods cleaned up. A 409 drops what was decided, reads the
 * object again and syncs again from it. Called by one worker at a time per workflow.
 */
final class WorkflowSync {

    private final Clock clock;
    private final WorkflowCache cache;
    private final WorkQueue<WorkflowKey> queue;
    private final StepReports reports;
    private final StepExecutor executor;
    private final Map<String, WorkflowApi> apis;
    private final ArtifactRepositories repositories;
    private final ControllerMetrics metrics;
    private final BooleanSupplier acting;
    private final Function<String, WorkflowTemplates> templates;
    private final Function<String, ConfigMapStore> configMaps;
    private final PodCleanup cleanup;
    private final FinishedWorkflows finished;
    private final StepDecisions decisions;
    private final Map<WorkflowKey, WorkflowSession> sessions = new ConcurrentHashMap<>();
    private final ClusterOutages outages;

    WorkflowSync(Clock clock, WorkflowCache cache, WorkQueue<WorkflowKey> queue, StepReports reports,
                 StepExecutor executor, Map<String, WorkflowApi> apis, ArtifactRepositories repositories,
                 ControllerMetrics metrics, BooleanSupplier acting, Function<String, WorkflowTemplates> templates,
                 Function<String, ConfigMapStore> configMaps, TargetAccess access,
                 ClusterOutages outages) {
        this.outages = outages;
        this.clock = clock;
        this.cache = cache;
        this.queue = queue;
        this.reports = reports;
        this.executor = executor;
        this.apis = apis;
        this.repositories = repositories;
        this.metrics = metrics;
        this.acting = acting;
        this.templates = templates;
        this.configMaps = configMaps;
        this.cleanup = new PodCleanup(executor, queue);
        this.finished = new FinishedWorkflows(clock, queue, apis, cleanup, sessions);
        this.decisions = new StepDecisions(queue, reports, executor, metrics, acting, access);
    }

    void sync(WorkflowKey key) throws ApiFailure {
        long start = System.nanoTime();
        try {
            run(key);
        } finally {
            metrics.synced(System.nanoTime() - start);
        }
    }

    /** This replica stopped leading: everything in memory may be stale by the time it leads again. */
    void forgetAll() {
        sessions.clear();
        finished.forgetAll();
    }

    private void run(WorkflowKey key) throws ApiFailure {
        Optional<WorkflowCache.Entry> cached = cache.get(key);
        if (cached.isEmpty()) {
            deleted(key);
            return;
        }
        if (!acting.getAsBoolean()) {
            return;
        }
        WorkflowCache.Entry entry = cached.get();
        WorkflowSession session = sessions.get(key);
        if (session != null && !session.uid.equals(entry.uid())) {
            sessions.remove(key);
            session = null;
        }
        if (session != null && ResourceVersions.compare(entry.resourceVersion(), session.resourceVersion) < 0) {
            return;
        }
        if (RemoteTargets.awaitingCleanup(entry.object())) {
            cleanUpRemote(key, entry, session);
            return;
        }
        if ("true".equals(entry.label("workflows.argoproj.io/completed"))) {
            finished.handle(key, entry, session);
            return;
        }
        if (session == null || !session.resourceVersion.equals(entry.resourceVersion())) {
            session = open(key, entry);
            if (session == null) {
                return;
            }
            sessions.put(key, session);
        }
        step(session);
    }

    /** A session from the object; null when the object cannot run (the failure was written instead). */
    private WorkflowSession open(WorkflowKey key, WorkflowCache.Entry entry) throws ApiFailure {
        ObjectNode tree = entry.object();
        Workflow wf;
        try {
            // The model keeps the tree it is read from; the cached one is shared, so the model gets a copy.
            tree = CompressedNodes.expand(tree.deepCopy());
            wf = WorkflowCodec.read(tree, key.toString());
        } catch (WorkflowFormatException | IllegalArgumentException e) {
            String message = "cannot unmarshall spec: " + withoutPrefix(e.getMessage(), key + ": ");
            ControllerLog.warn("workflow.unreadable", "workflow", key, "message", message);
            writeFailure(key, RawFailure.document(entry.object(), "Failed", message, clock.instant()));
            return null;
        }
        boolean fresh = entry.object().path("status").path("phase").asText("").isEmpty();
        if (fresh) {
            Optional<String> refusal = ControllerLint.refusal(wf, templates.apply(key.cluster()));
            if (refusal.isPresent()) {
                ControllerLog.info("workflow.refused", "workflow", key, "message", refusal.get());
                Workflow failed = WorkflowAdmission.failedBeforeStart(wf, refusal.get(), clock.instant());
                writeFailure(key, StatusWriter.document(entry.object(), failed.status().orElseThrow(),
                        failed.labels()));
                return null;
            }
        }
        ObjectNode base = entry.object();
        ArtifactRepository repository;
        if (base.path("status").path("artifactRepositoryRef").isObject()) {
            repository = recordedRepository(base);
        } else {
            // Argo's first pass: resolve the repository and record it in the status, so it never changes for the
            // workflow (the first status write carries it).
            ObjectNode ref;
            try {
                ref = repositories.resolve(key, tree.path("spec").path("artifactRepositoryRef"));
            } catch (ArtifactRepositoryRefs.ResolveException e) {
                String message = "failed to resolve artifact repository: " + e.getMessage();
                ControllerLog.info("workflow.refused", "workflow", key, "message", message);
                writeFailure(key, RawFailure.document(entry.object(), "Error", message, clock.instant()));
                return null;
            }
            base = base.deepCopy();
            base.withObjectProperty("status").set("artifactRepositoryRef", ref);
            repository = recordedRepository(base);
        }
        return new WorkflowSession(key, base, wf, WorkflowReconciler.of(wf, repository, ReconcileLimits.DEFAULT,
                templates.apply(key.cluster()), configMaps.apply(key.cluster())));
    }

    /** The repository recorded in {@code status.artifactRepositoryRef} (Argo's Get of a resolved reference). */
    private static ArtifactRepository recordedRepository(ObjectNode object) {
        JsonNode repo = object.path("status").path("artifactRepositoryRef").path("artifactRepository");
        return ArtifactRepository.argo(repo instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode());
    }

    private void step(WorkflowSession s) throws ApiFailure {
        WorkflowKey key = s.key;
        List<Observation> taken = reports.drain(key);
        Instant now = clock.instant();
        WorkflowPhase before = s.reconciler.phase();
        boolean fresh = s.base.path("status").path("phase").asText("").isEmpty();
        List<Observation> observed = new java.util.ArrayList<>(taken);
        observed.add(outages.observation(key.cluster()));
        Reconciliation result = s.reconciler.reconcile(observed, now);
        if (result.changed() || fresh) {
            WorkflowStatus status = s.reconciler.status();
            ObjectNode document = StatusWriter.document(s.base, status, s.reconciler.labels());
            List<dev.skiff.spi.executor.StepRequest> starts = result.decisions().stream()
                    .filter(d -> d instanceof Decision.StartStep).map(d -> ((Decision.StartStep) d).request())
                    .toList();
            RemoteTargets.record(document, key, starts.stream().map(r -> PodCleanup.resolve(r.ref(), key).target())
                    .toList());
            RemoteTargets.recordNodes(document, key, starts);
            try {
                if (!acting.getAsBoolean()) {
                    throw new ApiThrottle.NotLeading();
                }
                s.stored(apis.get(key.cluster()).writer().write(key, document));
            } catch (ApiFailure f) {
                reports.restore(key, taken);
                sessions.remove(key);
                if (!f.conflict()) {
                    metrics.statusWrite("failed");
                    throw f;
                }
                metrics.statusWrite("conflict");
                ControllerLog.info("workflow.conflict", "workflow", key, "message", "re-reading and syncing again");
                reread(key);
                queue.add(key);
                return;
            } catch (ApiThrottle.NotLeading e) {
                reports.restore(key, taken);
                sessions.remove(key);
                return;
            } catch (StatusWriter.TooLarge e) {
                tooLarge(s, e.getMessage());
                return;
            }
            metrics.statusWrite("written");
            cache.put(key, s.base);
            logPhase(key, fresh, before, status);
            decisions.apply(s, result.decisions(), now);
            cleanup.afterWrite(s, status, now);
            if (result.done()) {
                // The watch brings back this very version, which enqueues nothing: handle the end now.
                finished.handle(key, WorkflowCache.entry(s.base), s);
            }
        } else {
            decisions.apply(s, result.decisions(), now);
            cleanup.deleteDue(s, now);
        }
    }

    private void logPhase(WorkflowKey key, boolean fresh, WorkflowPhase before, WorkflowStatus status) {
        if (fresh) {
            ControllerLog.info("workflow.started", "workflow", key, "phase", status.phase().argoName());
        }
        if (status.phase() != before && !fresh || fresh && status.phase().isDone()) {
            ControllerLog.info("workflow.phase", "workflow", key, "phase", status.phase().argoName(), "message",
                    status.message());
        }
    }

    /** Even compressed, the status does not fit: the workflow ends Error (Argo's persistWorkflowSizeLimitErr). */
    private void tooLarge(WorkflowSession s, String message) throws ApiFailure {
        ControllerLog.warn("workflow.too-large", "workflow", s.key, "message", message);
        sessions.remove(s.key);
        for (StepRef ref : s.attached.values()) {
            try {
                executor.stop(ref, message);
            } catch (RuntimeException e) {
                ControllerLog.warn("step.stop.failed", "workflow", s.key, "step", ref.stepId(), "message", e.getMessage());
            }
        }
        ObjectNode base = s.base.deepCopy();
        if (base.path("status") instanceof ObjectNode status) {
            status.remove("nodes");
            status.remove("compressedNodes");
        }
        writeFailure(s.key, RawFailure.document(base, "Error", message, clock.instant()));
    }

    private void writeFailure(WorkflowKey key, ObjectNode document) throws ApiFailure {
        if (!acting.getAsBoolean()) {
            return;
        }
        try {
            cache.put(key, apis.get(key.cluster()).writer().writeUnchecked(key, document));
            metrics.statusWrite("written");
        } catch (ApiFailure f) {
            if (f.conflict()) {
                metrics.statusWrite("conflict");
                reread(key);
                queue.add(key);
                return;
            }
            metrics.statusWrite("failed");
            throw f;
        }
    }

    private void reread(WorkflowKey key) throws ApiFailure {
        try {
            cache.put(key, apis.get(key.cluster()).get(key));
        } catch (ApiFailure f) {
            if (f.notFound()) {
                cache.remove(key);
                return;
            }
            throw f;
        }
    }

    /**
     * The object is being deleted and carries Skiff's finalizer: its running steps are deleted, then everything
     * the executor created in each remote target it recorded (pods, task results, anchors), then the finalizer is
     * dropped so the API server removes the object. A failure leaves the finalizer and tries again later.
     */
    private void cleanUpRemote(WorkflowKey key, WorkflowCache.Entry entry, WorkflowSession session)
            throws ApiFailure {
        if (session != null) {
            sessions.put(key, session);
            deleted(key);
        }
        for (StepTarget target : RemoteTargets.recorded(entry.object())) {
            try {
                executor.workflowDeleted(target, key.cluster(), key.namespace(), key.name());
            } catch (RuntimeException e) {
                ControllerLog.warn("workflow.cleanup.failed", "workflow", key, "cluster", target.cluster(),
                        "namespace", target.namespace(), "message", e.getMessage());
                queue.addRateLimited(key);
                return;
            }
        }
        if (!acting.getAsBoolean()) {
            return;
        }
        try {
            apis.get(key.cluster()).json().patch(StatusWriter.path(key), KubeJson.JSON.writeValueAsBytes(
                    RemoteTargets.withoutFinalizer(entry.object())));
            ControllerLog.info("workflow.cleaned-up", "workflow", key, "targets",
                    RemoteTargets.recorded(entry.object()).size());
        } catch (ApiFailure f) {
            if (f.conflict()) {
                reread(key);
                queue.add(key);
            } else if (!f.notFound()) {
                throw f;
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The object is gone: forget it; steps still running are deleted (their pods go with the workflow). */
    private void deleted(WorkflowKey key) {
        WorkflowSession s = sessions.remove(key);
        reports.forget(key);
        finished.forget(key);
        if (s == null || !acting.getAsBoolean()) {
            return;
        }
        ControllerLog.info("workflow.deleted", "workflow", key);
        java.util.Set<StepRef> doomed = new java.util.LinkedHashSet<>(s.deletes.keySet());
        if (s.reconciler != null) {
            WorkflowStatus status = s.reconciler.status();
            s.attached.forEach((nodeId, ref) -> {
                var node = status.nodes().get(nodeId);
                if (node == null || !node.isDone()) {
                    doomed.add(ref);
                }
            });
        }
        for (StepRef ref : doomed) {
            try {
                executor.delete(ref);
            } catch (RuntimeException e) {
                ControllerLog.warn("pod.cleanup.failed", "workflow", key, "action", "delete", "message",
                        e.getMessage());
            }
        }
    }

    private static String withoutPrefix(String message, String prefix) {
        return message != null && message.startsWith(prefix) ? message.substring(prefix.length())
                : String.valueOf(message);
    }

    /** The object version the workflow's session holds (for tests: the controller has seen that version). */
    Optional<String> sessionVersion(WorkflowKey key) {
        return Optional.ofNullable(sessions.get(key)).map(s -> s.resourceVersion);
    }
}
