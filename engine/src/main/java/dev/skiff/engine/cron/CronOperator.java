package dev.skiff.engine.cron;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.Condition;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Argo's cronWfOperationCtx, pure: works on a copy of the status and collects what to do. */
final class CronOperator {

    static final String SPEC_ERROR = "SpecError";
    static final String SUBMISSION_ERROR = "SubmissionError";
    static final String LABEL_COMPLETED = "workflows.argoproj.io/cron-workflow/completed";
    /** How far back a SCHEDULED wake-up looks for the activation it stands for. */
    private static final Duration LOOKBACK = Duration.ofDays(1);

    private final CronWorkflow cron;
    private final List<ChildWorkflow> children;
    private final Instant now;
    private final ZoneId zone;
    private final List<ObjectNode> active;
    private final Map<String, String> labels;
    private final Map<String, String> annotations;
    private final List<String> terminate = new ArrayList<>();
    private final List<String> delete = new ArrayList<>();
    private List<Condition> conditions;
    private Optional<Instant> lastScheduled;
    private long succeeded;
    private long failed;
    private String phase;
    private Optional<ObjectNode> create = Optional.empty();
    private Optional<Instant> scheduledTime = Optional.empty();

    CronOperator(CronWorkflow cron, List<ChildWorkflow> children, Instant now, ZoneId zone) {
        this.cron = cron;
        this.children = children;
        this.now = now;
        this.zone = zone;
        CronWorkflowStatus s = cron.status();
        this.active = new ArrayList<>(s.active());
        this.conditions = s.conditions();
        this.lastScheduled = s.lastScheduledTime();
        this.succeeded = s.succeeded();
        this.failed = s.failed();
        this.phase = s.phase();
        this.labels = new LinkedHashMap<>(cron.labels());
        this.annotations = new LinkedHashMap<>(cron.annotations());
    }

    CronWorkflowPlan plan(CronTrigger trigger) {
        CronHistory.enforceLimits(cron, children, delete);
        reconcileActive();
        Optional<String> invalid = CronWorkflowValidation.problem(cron, zone);
        if (invalid.isPresent()) {
            conditions = upsert(conditions, new Condition(SPEC_ERROR, "True", invalid.get()));
            return result(Optional.empty());
        }
        conditions = remove(conditions, SPEC_ERROR);
        switch (trigger) {
            case SCHEDULED -> latestActivation().ifPresent(this::run);
            case PROCESSED -> missedActivation().ifPresent(this::run);
            case SYNC -> {
            }
        }
        boolean stopped = CronWorkflowStatus.STOPPED.equals(phase) || "true".equals(labels.get(LABEL_COMPLETED));
        return result(stopped ? Optional.empty() : nextActivation());
    }

    /** Argo's {@code run}: the checks, then the Workflow for {@code scheduled}. */
    private void run(Instant scheduled) {
        if (cron.usingNewSchedule()) {
            annotations.put(CronWorkflow.LAST_USED_SCHEDULE, cron.scheduleWithTimezone());
        }
        CronConditions expressions = new CronConditions(cron, labels, succeeded, failed, lastScheduled);
        try {
            if (expressions.stop()) {
                setCompleted();
            }
        } catch (CronException e) {
            conditions = upsert(conditions, new Condition(SPEC_ERROR, "True", "failed to check CronWorkflow '"
                    + cron.name() + "' stopping condition: " + e.getMessage()));
            return;
        }
        if (cron.suspend() || CronWorkflowStatus.STOPPED.equals(phase)) {
            return;
        }
        try {
            if (!expressions.when()) {
                return;
            }
        } catch (CronException e) {
            submissionError("run policy error: " + e.getMessage());
            return;
        }
        if (!active.isEmpty() && cron.concurrencyPolicy().equals("Forbid")) {
            return;
        }
        if (!active.isEmpty() && cron.concurrencyPolicy().equals("Replace")) {
            active.forEach(ref -> terminate.add(ref.path("name").asText("")));
        }
        create = Optional.of(ScheduledWorkflow.of(cron, scheduled, zone));
        scheduledTime = Optional.of(scheduled);
        phase = CronWorkflowStatus.ACTIVE;
        lastScheduled = Optional.of(scheduled);
        conditions = remove(conditions, SUBMISSION_ERROR);
    }

    /** The activation a SCHEDULED wake-up stands for: the latest one since the last run, up to now. */
    private Optional<Instant> latestActivation() {
        Instant after = lastScheduled.filter(l -> l.isAfter(now.minus(LOOKBACK))).orElse(now.minus(LOOKBACK));
        Optional<Instant> latest = Optional.empty();
        for (String spec : cron.schedulesWithTimezone()) {
            Optional<Instant> t = CronSchedule.parse(spec, zone).lastAtOrBefore(now, after);
            if (t.isPresent() && (latest.isEmpty() || t.get().isAfter(latest.get()))) {
                latest = t;
            }
        }
        return latest;
    }

    /**
     * Argo's {@code shouldOutstandingWorkflowsBeRun}: not after a schedule change, only when it ran before, and only
     * the latest activation missed that is still within {@code startingDeadlineSeconds}.
     */
    private Optional<Instant> missedActivation() {
        if (cron.usingNewSchedule() || lastScheduled.isEmpty() || cron.startingDeadlineSeconds().isEmpty()) {
            return Optional.empty();
        }
        long deadline = cron.startingDeadlineSeconds().get();
        // Only an activation later than now - deadline can count, so the search starts there.
        Instant from = lastScheduled.get().isAfter(now.minusSeconds(deadline + 1)) ? lastScheduled.get()
                : now.minusSeconds(deadline + 1);
        for (String spec : cron.schedulesWithTimezone()) {
            Optional<Instant> missed = CronSchedule.parse(spec, zone).lastAtOrBefore(now.minusNanos(1), from);
            if (missed.isPresent() && now.isBefore(missed.get().plusSeconds(deadline))) {
                return missed;
            }
        }
        return Optional.empty();
    }

    private Optional<Instant> nextActivation() {
        Optional<Instant> next = Optional.empty();
        for (String spec : cron.schedulesWithTimezone()) {
            Optional<Instant> t = CronSchedule.parse(spec, zone).next(now);
            if (t.isPresent() && (next.isEmpty() || t.get().isBefore(next.get()))) {
                next = t;
            }
        }
        return next;
    }

    /** Argo's {@code reconcileActiveWfs}. */
    private void reconcileActive() {
        Map<String, ChildWorkflow> byUid = new HashMap<>();
        for (ChildWorkflow wf : children) {
            byUid.put(wf.uid(), wf);
            boolean known = active.stream().anyMatch(ref -> ref.path("uid").asText("").equals(wf.uid()));
            if (!known && !wf.done()) {
                active.add(ScheduledWorkflow.reference(wf.name(), cron.namespace(), wf.uid(), ""));
            }
        }
        for (ObjectNode ref : List.copyOf(active)) {
            ChildWorkflow wf = byUid.get(ref.path("uid").asText(""));
            if (wf == null || wf.done()) {
                active.removeIf(r -> r.path("uid").asText("").equals(ref.path("uid").asText("")));
                if (wf != null) {
                    count(wf.phase());
                    try {
                        if (new CronConditions(cron, labels, succeeded, failed, lastScheduled).stop()) {
                            setCompleted();
                        }
                    } catch (CronException e) {
                        // Argo gives up on this sync with the error logged; the counts stay.
                        return;
                    }
                }
            }
        }
    }

    private void count(String wfPhase) {
        switch (wfPhase) {
            case "Error", "Failed" -> failed++;
            case "Succeeded" -> succeeded++;
            default -> {
            }
        }
    }

    private void setCompleted() {
        phase = CronWorkflowStatus.STOPPED;
        labels.put(LABEL_COMPLETED, "true");
    }

    private void submissionError(String message) {
        conditions = upsert(conditions, new Condition(SUBMISSION_ERROR, "True", message));
        failed++;
    }

    private CronWorkflowPlan result(Optional<Instant> wakeAt) {
        CronWorkflowStatus status = new CronWorkflowStatus(active, lastScheduled, conditions, succeeded, failed, phase);
        return new CronWorkflowPlan(create, scheduledTime, terminate, delete, status, labels, annotations, wakeAt);
    }

    static List<Condition> upsert(List<Condition> conditions, Condition condition) {
        List<Condition> out = new ArrayList<>(conditions);
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).type().equals(condition.type())) {
                out.set(i, condition);
                return out;
            }
        }
        out.add(condition);
        return out;
    }

    private static List<Condition> remove(List<Condition> conditions, String type) {
        return conditions.stream().filter(c -> !c.type().equals(type)).toList();
    }
}
