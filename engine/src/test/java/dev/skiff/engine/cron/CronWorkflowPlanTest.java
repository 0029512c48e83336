package dev.skiff.engine.cron;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.skiff.engine.model.Condition;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Argo's cron controller ({@code workflow/cron/operator.go}, {@code controller.go}) as a pure plan: which Workflow a
 * CronWorkflow creates when, its name, labels and owner, concurrency policies, missed runs within
 * {@code startingDeadlineSeconds}, active Workflows, history limits, stopping and the next wake-up.
 */
class CronWorkflowPlanTest {

    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final Instant NINE = Instant.parse("2026-03-02T09:00:00Z");

    private static CronWorkflow cron(String extraSpec, String status) {
        try {
            ObjectNode doc = (ObjectNode) new YAMLMapper().readTree("""
                    apiVersion: argoproj.io/v1alpha1
                    kind: CronWorkflow
                    metadata:
                      name: nightly
                      namespace: team
                      uid: cron-uid
                      labels: {workflows.argoproj.io/creator: alice, other: x}
                      annotations: {cronworkflows.argoproj.io/last-used-schedule: "0 9 * * *"}
                    spec:
                      schedules: ["0 9 * * *"]
                    %s
                      workflowSpec:
                        entrypoint: main
                        templates: [{name: main, container: {image: busybox, command: [echo]}}]
                    status:
                    %s
                    """.formatted(extraSpec.indent(2).stripTrailing(), status.indent(2).stripTrailing()));
            return CronWorkflow.read(doc);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static CronWorkflow cron(String extraSpec) {
        return cron(extraSpec, "phase: Active");
    }

    private static ChildWorkflow child(String name, String phase, String finishedAt) {
        return new ChildWorkflow(name, name + "-uid", phase,
                finishedAt.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(finishedAt)),
                Map.of("workflows.argoproj.io/cron-workflow", "nightly"));
    }

    @Test
    void aScheduledActivationCreatesTheWorkflowArgoCreates() {
        CronWorkflowPlan plan = CronWorkflowPlan.of(cron("workflowMetadata: {labels: {team: a}, annotations: {n: v}}"),
                List.of(), NINE, CronTrigger.SCHEDULED, UTC);

        JsonNode wf = plan.create().orElseThrow();
        // getChildWorkflowName: <cron>-<unix time of the scheduled time>.
        assertThat(wf.path("metadata").path("name").asText()).isEqualTo("nightly-" + NINE.getEpochSecond());
        assertThat(wf.path("metadata").path("labels").toString()).isEqualTo("{\"workflows.argoproj.io/creator\":"
                + "\"alice\",\"workflows.argoproj.io/cron-workflow\":\"nightly\",\"team\":\"a\"}");
        assertThat(wf.path("metadata").path("annotations").toString())
                .isEqualTo("{\"workflows.argoproj.io/scheduled-time\":\"2026-03-02T09:00:00Z\",\"n\":\"v\"}");
        assertThat(wf.path("metadata").path("ownerReferences").get(0).toString()).isEqualTo("{\"apiVersion\":"
                + "\"argoproj.io/v1alpha1\",\"kind\":\"CronWorkflow\",\"name\":\"nightly\",\"uid\":\"cron-uid\","
                + "\"controller\":true,\"blockOwnerDeletion\":true}");
        assertThat(wf.path("spec").path("entrypoint").asText()).isEqualTo("main");
        assertThat(plan.scheduledTime()).contains(NINE);
        assertThat(plan.status().lastScheduledTime()).contains(NINE);
        assertThat(plan.status().phase()).isEqualTo("Active");
        assertThat(plan.wakeAt()).contains(Instant.parse("2026-03-03T09:00:00Z"));

        CronWorkflowStatus created = plan.withCreated(new ObjectMapper().createObjectNode().set("metadata",
                new ObjectMapper().createObjectNode().put("name", "nightly-1").put("namespace", "team")
                        .put("uid", "wf-uid").put("resourceVersion", "7")));
        assertThat(created.active()).hasSize(1);
        assertThat(created.active().getFirst().path("uid").asText()).isEqualTo("wf-uid");
        assertThat(created.active().getFirst().path("kind").asText()).isEqualTo("Workflow");
    }

    @Test
    void aLateWakeUpRunsTheActivationItStandsForAndASpuriousOneNothing() {
        CronWorkflowPlan late = CronWorkflowPlan.of(cron(""), List.of(), NINE.plusSeconds(4), CronTrigger.SCHEDULED,
                UTC);
        assertThat(late.scheduledTime()).contains(NINE);

        CronWorkflowPlan again = CronWorkflowPlan.of(cron("", "lastScheduledTime: \"2026-03-02T09:00:00Z\""),
                List.of(), NINE.plusSeconds(30), CronTrigger.SCHEDULED, UTC);
        assertThat(again.create()).isEmpty();
        assertThat(again.wakeAt()).contains(Instant.parse("2026-03-03T09:00:00Z"));
    }

    @Test
    void concurrencyPoliciesDecideWhatHappensWhileAWorkflowIsActive() {
        String running = "active: [{kind: Workflow, name: nightly-1, namespace: team, uid: running-uid}]";
        List<ChildWorkflow> children = List.of(new ChildWorkflow("nightly-1", "running-uid", "Running",
                Optional.empty(), Map.of()));

        assertThat(CronWorkflowPlan.of(cron("concurrencyPolicy: Forbid", running), children, NINE,
                CronTrigger.SCHEDULED, UTC).create()).isEmpty();
        CronWorkflowPlan replace = CronWorkflowPlan.of(cron("concurrencyPolicy: Replace", running), children, NINE,
                CronTrigger.SCHEDULED, UTC);
        assertThat(replace.terminate()).containsExactly("nightly-1");
        assertThat(replace.create()).isPresent();
        CronWorkflowPlan allow = CronWorkflowPlan.of(cron("", running), children, NINE, CronTrigger.SCHEDULED, UTC);
        assertThat(allow.terminate()).isEmpty();
        assertThat(allow.create()).isPresent();
        assertThat(allow.status().active()).hasSize(1);
    }

    @Test
    void aSuspendedCronWorkflowCreatesNothingButStaysScheduled() {
        CronWorkflowPlan plan = CronWorkflowPlan.of(cron("suspend: true"), List.of(), NINE, CronTrigger.SCHEDULED,
                UTC);
        assertThat(plan.create()).isEmpty();
        assertThat(plan.wakeAt()).contains(Instant.parse("2026-03-03T09:00:00Z"));
    }

    @Test
    void aMissedActivationRunsAfterARestartOnlyWithinTheStartingDeadline() {
        String ranYesterday = "lastScheduledTime: \"2026-03-01T09:00:00Z\"";
        Instant restart = NINE.plusSeconds(30);

        CronWorkflowPlan within = CronWorkflowPlan.of(cron("startingDeadlineSeconds: 60", ranYesterday), List.of(),
                restart, CronTrigger.PROCESSED, UTC);
        assertThat(within.scheduledTime()).contains(NINE);
        assertThat(CronWorkflowPlan.of(cron("startingDeadlineSeconds: 10", ranYesterday), List.of(), restart,
                CronTrigger.PROCESSED, UTC).create()).isEmpty();
        assertThat(CronWorkflowPlan.of(cron("", ranYesterday), List.of(), restart, CronTrigger.PROCESSED, UTC)
                .create()).as("no startingDeadlineSeconds: missed runs are not made up").isEmpty();
        // London is on UTC in March: the same activation, but the schedule (with its zone) is not the one last used.
        CronWorkflow changed = cron("startingDeadlineSeconds: 60\ntimezone: Europe/London", ranYesterday);
        assertThat(CronWorkflowPlan.of(changed, List.of(), restart, CronTrigger.SCHEDULED, UTC).scheduledTime())
                .contains(NINE);
        assertThat(CronWorkflowPlan.of(changed, List.of(), restart, CronTrigger.PROCESSED, UTC).create())
                .as("a schedule just changed runs nothing missed").isEmpty();
    }

    @Test
    void finishedWorkflowsLeaveTheActiveListAreCountedAndTrimmedToTheHistoryLimits() {
        String active = "active: [{kind: Workflow, name: w5, uid: w5-uid}, {kind: Workflow, name: w6, uid: w6-uid}]";
        List<ChildWorkflow> children = List.of(
                child("w1", "Succeeded", "2026-03-01T01:00:00Z"), child("w2", "Succeeded", "2026-03-01T02:00:00Z"),
                child("w3", "Succeeded", "2026-03-01T03:00:00Z"), child("w4", "Failed", "2026-03-01T04:00:00Z"),
                child("w5", "Succeeded", "2026-03-01T05:00:00Z"), child("w6", "Error", "2026-03-01T06:00:00Z"),
                child("w7", "Running", ""));

        CronWorkflowPlan plan = CronWorkflowPlan.of(cron("", active), children, NINE.minusSeconds(60),
                CronTrigger.SYNC, UTC);

        // Defaults: keep 3 successful and 1 failed, newest first.
        assertThat(plan.delete()).containsExactly("w1", "w4");
        assertThat(plan.status().succeeded()).isEqualTo(1);
        assertThat(plan.status().failed()).isEqualTo(1);
        assertThat(plan.status().active()).extracting(a -> a.path("name").asText()).containsExactly("w7");
        assertThat(plan.create()).isEmpty();
    }

    @Test
    void aStopExpressionThatHoldsStopsTheCronWorkflow() {
        // stopStrategy: checked when an active Workflow finishes, and before each run.
        CronWorkflowPlan plan = CronWorkflowPlan.of(cron("stopStrategy: {expression: \"cronworkflow.succeeded >= 1\"}",
                "active: [{kind: Workflow, name: w1, uid: w1-uid}]"), List.of(child("w1", "Succeeded",
                "2026-03-02T08:00:00Z")), NINE, CronTrigger.SCHEDULED, UTC);

        assertThat(plan.status().phase()).isEqualTo("Stopped");
        assertThat(plan.labels()).containsEntry("workflows.argoproj.io/cron-workflow/completed", "true");
        assertThat(plan.create()).isEmpty();
        assertThat(plan.wakeAt()).isEmpty();
    }

    @Test
    void whenDecidesOnEachActivation() {
        assertThat(CronWorkflowPlan.of(cron("when: \"{{cronworkflow.failed}} < 3\"", "failed: 3"), List.of(), NINE,
                CronTrigger.SCHEDULED, UTC).create()).isEmpty();
        assertThat(CronWorkflowPlan.of(cron("when: \"{{cronworkflow.failed}} < 3\"", "failed: 2"), List.of(), NINE,
                CronTrigger.SCHEDULED, UTC).create()).isPresent();
    }

    @Test
    void anInvalidCronWorkflowGetsArgosSpecErrorAndIsNotScheduled() {
        CronWorkflowPlan plan = CronWorkflowPlan.of(cron("concurrencyPolicy: Sometimes"), List.of(), NINE,
                CronTrigger.PROCESSED, UTC);
        assertThat(plan.status().conditions()).containsExactly(new Condition("SpecError", "True",
                "'Sometimes' is not a valid concurrencyPolicy"));
        assertThat(plan.wakeAt()).isEmpty();
        assertThat(CronWorkflowValidation.problem(cron("timezone: Mars/Olympus"), UTC))
                .contains("invalid timezone \"Mars/Olympus\": unknown time zone Mars/Olympus");
        assertThat(CronWorkflowValidation.problem(cron("startingDeadlineSeconds: -1"), UTC))
                .contains("startingDeadlineSeconds must be positive");
    }

    @Test
    void aTimezoneMovesTheActivationAndIsRememberedWithTheSchedule() {
        CronWorkflow tokyo = cron("timezone: Asia/Tokyo");
        CronWorkflowPlan plan = CronWorkflowPlan.of(tokyo, List.of(), Instant.parse("2026-03-02T00:00:00Z"),
                CronTrigger.SCHEDULED, UTC);
        assertThat(plan.scheduledTime()).contains(Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(plan.annotations()).containsEntry("cronworkflows.argoproj.io/last-used-schedule",
                "CRON_TZ=Asia/Tokyo 0 9 * * *");
    }

    @Test
    void aFailedSubmissionIsCountedAsArgoCountsIt() {
        CronWorkflowPlan plan = CronWorkflowPlan.of(cron(""), List.of(), NINE, CronTrigger.SCHEDULED, UTC);
        CronWorkflowStatus failed = plan.withSubmissionError("workflows.argoproj.io is forbidden", Optional.empty());
        assertThat(failed.failed()).isEqualTo(1);
        assertThat(failed.lastScheduledTime()).isEmpty();
        assertThat(failed.conditions()).containsExactly(new Condition("SubmissionError", "True",
                "Failed to submit Workflow: workflows.argoproj.io is forbidden"));
        assertThat(failed.toJson().path("lastScheduledTime").isNull()).isTrue();
    }
}
