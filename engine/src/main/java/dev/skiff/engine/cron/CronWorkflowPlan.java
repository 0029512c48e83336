package dev.skiff.engine.cron;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.Condition;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What Argo's cron controller ({@code workflow/cron/operator.go}, {@code controller.go}) does for a CronWorkflow at a
 * given time, as data: the Workflow to create, the active ones to terminate ({@code concurrencyPolicy: Replace}),
 * finished ones to delete (history limits), the new status, labels and annotations, and when to wake next. A
 * controller applies it: create (then {@link #withCreated}, or {@link #withSubmissionError} when the API refused it;
 * "already exists" is a duplicate and no error), terminate and delete, write the status, labels and annotations, and
 * come back with {@link CronTrigger#SCHEDULED} at {@code wakeAt}.
 *
 * @param create        the Workflow to create, with its name and metadata
 * @param scheduledTime the activation it stands for
 * @param terminate     names of active Workflows to terminate ({@code spec.shutdown: Terminate})
 * @param delete        names of finished Workflows to delete
 * @param status        the new status (without the reference to {@code create}, which needs its uid)
 * @param labels        the CronWorkflow's labels afterwards ({@code workflows.argoproj.io/cron-workflow/completed})
 * @param annotations   its annotations afterwards ({@code cronworkflows.argoproj.io/last-used-schedule})
 * @param wakeAt        the next activation; empty when the CronWorkflow is invalid or stopped
 */
public record CronWorkflowPlan(Optional<ObjectNode> create, Optional<Instant> scheduledTime, List<String> terminate,
                               List<String> delete, CronWorkflowStatus status, Map<String, String> labels,
                               Map<String, String> annotations, Optional<Instant> wakeAt) {

    public CronWorkflowPlan {
        Objects.requireNonNull(create, "create");
        terminate = List.copyOf(terminate);
        delete = List.copyOf(delete);
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    /**
     * The plan for {@code cron} at {@code now}.
     *
     * @param children    the Workflows the CronWorkflow owns (by controller reference), as the controller sees them
     * @param defaultZone the zone of schedules without {@code timezone} (Argo: the controller's local time)
     */
    public static CronWorkflowPlan of(CronWorkflow cron, List<ChildWorkflow> children, Instant now, CronTrigger trigger,
                                      ZoneId defaultZone) {
        return new CronOperator(cron, children, now, defaultZone).plan(trigger);
    }

    /** The status once {@code created} (the object the API returned, with its uid) exists: it is active. */
    public CronWorkflowStatus withCreated(JsonNode created) {
        List<ObjectNode> active = new ArrayList<>(status.active());
        active.add(ScheduledWorkflow.reference(created));
        return new CronWorkflowStatus(active, status.lastScheduledTime(), status.conditions(), status.succeeded(),
                status.failed(), status.phase());
    }

    /**
     * The status when creating the Workflow failed: Argo's {@code SubmissionError} condition, the failure counted,
     * and {@code lastScheduledTime} left as it was.
     */
    public CronWorkflowStatus withSubmissionError(String error, Optional<Instant> previousLastScheduledTime) {
        List<Condition> conditions = CronOperator.upsert(status.conditions(),
                new Condition(CronOperator.SUBMISSION_ERROR, "True", "Failed to submit Workflow: " + error));
        return new CronWorkflowStatus(status.active(), previousLastScheduledTime, conditions, status.succeeded(),
                status.failed() + 1, status.phase());
    }
}
