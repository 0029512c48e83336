package dev.skiff.engine.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.cron.ChildWorkflow;
import dev.skiff.engine.cron.CronTrigger;
import dev.skiff.engine.cron.CronWorkflow;
import dev.skiff.engine.cron.CronWorkflowPlan;
import dev.skiff.engine.cron.CronWorkflowStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One sync of one CronWorkflow: the cached object and the Workflows it owns go through the pure
 * {@link CronWorkflowPlan}; then the plan is applied as Argo's cron operator does: active Workflows terminated
 * ({@code concurrencyPolicy: Replace}: {@code spec.shutdown: Terminate}), old ones deleted (history limits), the new
 * Workflow created ("already exists" is a duplicate, not an error; another refusal is a {@code SubmissionError}),
 * then status, labels and annotations merge-patched (when they changed), and the next activation armed as a timer
 * on the work queue. Which trigger the plan gets: the armed time has come ({@code SCHEDULED}); else the object is new
 * or changed ({@code PROCESSED}: a run missed within {@code startingDeadlineSeconds} is made up for); else a Workflow
 * it owns changed ({@code SYNC}: active list, counts, history).
 */
final class CronSync {

    private static final String BASE = "/apis/argoproj.io/v1alpha1/namespaces/";

    private final Clock clock;
    private final Function<CronKey, Optional<ObjectNode>> crons;
    private final WorkflowCache workflows;
    private final Map<String, WorkflowApi> apis;
    private final WorkQueue<CronKey> queue;
    private final java.util.function.Consumer<WorkflowKey> enqueueWorkflow;
    private final Map<CronKey, Instant> armed = new ConcurrentHashMap<>();
    private final Map<CronKey, String> versions = new ConcurrentHashMap<>();
    /** What this controller last wrote of each CronWorkflow: newer than the watch's copy until its event comes. */
    private final Map<CronKey, ObjectNode> written = new ConcurrentHashMap<>();

    CronSync(Clock clock, Function<CronKey, Optional<ObjectNode>> crons, WorkflowCache workflows,
             Map<String, WorkflowApi> apis, WorkQueue<CronKey> queue,
             java.util.function.Consumer<WorkflowKey> enqueueWorkflow) {
        this.enqueueWorkflow = enqueueWorkflow;
        this.clock = clock;
        this.crons = crons;
        this.workflows = workflows;
        this.apis = apis;
        this.queue = queue;
    }

    void sync(CronKey key) throws ApiFailure {
        Optional<ObjectNode> object = crons.apply(key);
        if (object.isEmpty()) {
            armed.remove(key);
            versions.remove(key);
            written.remove(key);
            return;
        }
        ObjectNode own = written.get(key);
        if (own != null && own.path("metadata").path("uid").equals(object.get().path("metadata").path("uid"))
                && ResourceVersions.compare(resourceVersion(own), resourceVersion(object.get())) > 0) {
            object = Optional.of(own);
        }
        CronWorkflow cron = CronWorkflow.read(object.get());
        Instant now = clock.instant();
        String version = object.get().path("metadata").path("resourceVersion").asText("");
        Instant due = armed.get(key);
        CronTrigger trigger = due != null && !now.isBefore(due) ? CronTrigger.SCHEDULED
                : !version.equals(versions.get(key)) ? CronTrigger.PROCESSED : CronTrigger.SYNC;
        List<ChildWorkflow> children = CronChildren.of(workflows, key.cluster(), key.namespace(), cron.uid());
        CronWorkflowPlan plan = CronWorkflowPlan.of(cron, children, now, trigger, clock.getZone());
        KubeJson api = apis.get(key.cluster()).json();
        for (String name : plan.terminate()) {
            terminate(api, key, name);
        }
        for (String name : plan.delete()) {
            children.stream().filter(c -> c.name().equals(name)).findFirst().ifPresent(c -> delete(key, c));
        }
        CronWorkflowStatus status = plan.status();
        if (plan.create().isPresent()) {
            status = create(api, key, cron, plan);
        }
        ObjectNode patch = KubeJson.JSON.createObjectNode();
        patch.set("status", status.toJson());
        ObjectNode metadata = patch.putObject("metadata");
        plan.labels().forEach(metadata.putObject("labels")::put);
        plan.annotations().forEach(metadata.putObject("annotations")::put);
        if (changes(object.get(), patch)) {
            ObjectNode result = api.patch(BASE + key.namespace() + "/cronworkflows/" + key.name(),
                    bytes(patch));
            version = resourceVersion(result);
            written.put(key, result);
        }
        versions.put(key, version);
        if (!plan.wakeAt().equals(Optional.ofNullable(due))) {
            // A timer on the work queue (a stale one that fires later finds nothing due and only syncs).
            armed.remove(key);
            plan.wakeAt().ifPresent(at -> {
                armed.put(key, at);
                queue.addAt(key, at);
            });
        }
        if (plan.create().isPresent() || !plan.terminate().isEmpty() || trigger == CronTrigger.SCHEDULED) {
            ControllerLog.info("cron.scheduled", "cronWorkflow", key, "trigger", trigger, "created",
                    plan.create().map(c -> c.path("metadata").path("name").asText("")).orElse(""), "terminated",
                    plan.terminate(), "next", plan.wakeAt().map(Instant::toString).orElse(""));
        }
    }

    /** The next activation armed for the CronWorkflow (for tests: the controller has handled the one before). */
    Optional<Instant> armedAt(CronKey key) {
        return Optional.ofNullable(armed.get(key));
    }

    /** The CronWorkflow version last handled (for tests: the controller has seen a change). */
    Optional<String> seenVersion(CronKey key) {
        return Optional.ofNullable(versions.get(key));
    }

    /** This replica stopped leading: what it armed may be stale when it leads again. */
    void forgetAll() {
        armed.clear();
        versions.clear();
        written.clear();
    }

    private CronWorkflowStatus create(KubeJson api, CronKey key, CronWorkflow cron, CronWorkflowPlan plan)
            throws ApiFailure {
        ObjectNode wf = plan.create().get();
        try {
            ObjectNode created = api.post(BASE + key.namespace() + "/workflows",
                    bytes(wf));
            // Cached at once, so that the next sync finds it among the children even before its watch event
            // (which then brings nothing new): the workflow sync is asked for here.
            WorkflowKey wfKey = new WorkflowKey(key.cluster(), key.namespace(), created.path("metadata").path("name")
                    .asText(""));
            workflows.put(wfKey, created);
            enqueueWorkflow.accept(wfKey);
            return plan.withCreated(created);
        } catch (ApiFailure f) {
            if (f.code() == 409) {
                // A duplicate submission (the Workflow of this activation exists): Argo changes nothing.
                return cron.status();
            }
            if (f.code() == 0 || f.code() == 429 || f.code() >= 500) {
                throw f;
            }
            ControllerLog.warn("cron.submit.failed", "cronWorkflow", key, "code", f.code(), "message", f.getMessage());
            return plan.withSubmissionError(f.getMessage(), cron.status().lastScheduledTime());
        }
    }

    private void terminate(KubeJson api, CronKey key, String name) throws ApiFailure {
        try {
            api.patch(BASE + key.namespace() + "/workflows/" + name,
                    "{\"spec\":{\"shutdown\":\"Terminate\"}}".getBytes(StandardCharsets.UTF_8));
        } catch (ApiFailure f) {
            if (!f.notFound()) {
                throw f;
            }
        }
    }

    private void delete(CronKey key, ChildWorkflow child) {
        try {
            apis.get(key.cluster()).delete(new WorkflowKey(key.cluster(), key.namespace(), child.name()), child.uid());
        } catch (ApiFailure f) {
            ControllerLog.warn("cron.history.delete.failed", "cronWorkflow", key, "workflow", child.name(),
                    "message", f.getMessage());
        }
    }

    private static String resourceVersion(ObjectNode object) {
        return object.path("metadata").path("resourceVersion").asText("");
    }

    private static byte[] bytes(ObjectNode object) {
        return object.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Whether merging {@code patch} into {@code object} would change it. */
    private static boolean changes(ObjectNode object, ObjectNode patch) {
        if (!object.path("status").equals(patch.path("status"))) {
            return true;
        }
        for (String field : List.of("labels", "annotations")) {
            var have = object.path("metadata").path(field);
            var want = patch.path("metadata").path(field);
            var it = want.properties().iterator();
            while (it.hasNext()) {
                var e = it.next();
                if (!e.getValue().equals(have.get(e.getKey()))) {
                    return true;
                }
            }
        }
        return false;
    }
}
