package dev.skiff.engine.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.testbed.Await;
import dev.skiff.testbed.TestNamespace;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The controller runs CronWorkflows with a clock the test moves (no sleeps: each step awaits the state it leads
 * to): {@code * * * * *} fires at each minute, the Workflow gets Argo's name, labels, annotation and owner, the
 * CronWorkflow's status Argo's fields; {@code concurrencyPolicy: Forbid} skips a run while one is active,
 * {@code Replace} terminates it and runs the new one; {@code failedJobsHistoryLimit: 0} deletes the failed one;
 * {@code suspend} schedules nothing.
 */
@Testbed
class ControllerCronIT {

    private static final Instant START = Instant.parse("2026-01-01T00:00:30Z");
    private static final String CRON = """
            metadata: {name: tick, labels: {team: blue}}
            spec:
              schedules: ["* * * * *"]
              concurrencyPolicy: Forbid
              failedJobsHistoryLimit: 0
              workflowMetadata: {labels: {kind: tick}}
              workflowSpec:
                entrypoint: main
                templates:
                  - name: main
                    container: {image: alpine, command: [sleep, "999"]}
            """;

    private Controller controller;
    private TestingWorkflows workflows;
    private KubeJson api;

    @AfterEach
    void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    @Test
    void everyMinuteAWorkflowRunsWithForbidReplaceHistoryLimitAndSuspendAsArgo(TestbedCluster hub, TestNamespace ns)
            throws Exception {
        workflows = new TestingWorkflows(hub);
        api = new KubeJson(TestingWorkflows.client(hub), Duration.ofMinutes(1));
        TestingClock clock = new TestingClock(START);
        TestingStepExecutor executor = new TestingStepExecutor(clock).on("main", new TestingStepExecutor.Hold());
        controller = Controller.builder(TestingControllers.config(ns.name(), "")).clients(n -> TestingWorkflows
                .client(hub)).executor(executor).clock(clock).identity("it").namespace(ns.name()).build();
        controller.start();
        CronKey key = new CronKey("hub", ns.name(), "tick");

        ObjectNode created = workflows.createObject(ns.name(), "cronworkflows", "CronWorkflow", CRON);
        String uid = created.path("metadata").path("uid").asText();
        awaitArmed(key, "2026-01-01T00:01:00Z");

        // 00:01: the first run.
        clock.advance(Duration.ofSeconds(30));
        String first = "tick-" + Instant.parse("2026-01-01T00:01:00Z").getEpochSecond();
        ObjectNode wf = workflows.await(ns.name(), first, "to run", w -> TestingWorkflows.phase(w).equals("Running"));
        assertThat(TestingWorkflows.label(wf, "workflows.argoproj.io/cron-workflow")).isEqualTo("tick");
        assertThat(TestingWorkflows.label(wf, "kind")).isEqualTo("tick");
        assertThat(wf.path("metadata").path("annotations").path("workflows.argoproj.io/scheduled-time").asText())
                .isEqualTo("2026-01-01T00:01:00Z");
        JsonNode owner = wf.path("metadata").path("ownerReferences").get(0);
        assertThat(owner.path("kind").asText()).isEqualTo("CronWorkflow");
        assertThat(owner.path("uid").asText()).isEqualTo(uid);
        assertThat(owner.path("controller").asBoolean()).isTrue();
        ObjectNode cron = awaitCron(ns.name(), "active " + first, c -> activeNames(c).equals(List.of(first)));
        assertThat(cron.path("status").path("lastScheduledTime").asText()).isEqualTo("2026-01-01T00:01:00Z");
        assertThat(cron.path("status").path("phase").asText()).isEqualTo("Active");
        assertThat(cron.path("metadata").path("annotations").path("cronworkflows.argoproj.io/last-used-schedule")
                .asText()).isEqualTo("* * * * *");
        awaitArmed(key, "2026-01-01T00:02:00Z");

        // 00:02, Forbid: the first is still running, nothing new.
        clock.advance(Duration.ofSeconds(60));
        awaitArmed(key, "2026-01-01T00:03:00Z");
        assertThat(children(ns.name())).containsExactly(first);
        assertThat(cron(ns.name()).path("status").path("lastScheduledTime").asText())
                .isEqualTo("2026-01-01T00:01:00Z");

        // 00:03, Replace: the first is terminated, the second runs; the failed first goes (history limit 0).
        ObjectNode patched = patchCron(ns.name(), "{\"spec\":{\"concurrencyPolicy\":\"Replace\"}}");
        awaitSeen(key, patched);
        clock.advance(Duration.ofSeconds(60));
        String second = "tick-" + Instant.parse("2026-01-01T00:03:00Z").getEpochSecond();
        workflows.await(ns.name(), second, "to run", w -> TestingWorkflows.phase(w).equals("Running"));
        workflows.awaitDeleted(ns.name(), first);
        cron = awaitCron(ns.name(), "active " + second + ", one failed", c -> activeNames(c).equals(List.of(second))
                && c.path("status").path("failed").asLong() == 1);
        assertThat(cron.path("status").path("succeeded").asLong()).isZero();
        assertThat(cron.path("status").path("lastScheduledTime").asText()).isEqualTo("2026-01-01T00:03:00Z");
        assertThat(executor.stopped()).hasSize(1);

        // Suspended: 00:04 schedules nothing.
        patched = patchCron(ns.name(), "{\"spec\":{\"suspend\":true}}");
        awaitSeen(key, patched);
        clock.advance(Duration.ofSeconds(60));
        awaitArmed(key, "2026-01-01T00:05:00Z");
        assertThat(children(ns.name())).containsExactly(second);
    }

    @Test
    void aRunMissedWhileNoControllerRanIsMadeUpForOnlyWithinStartingDeadlineSeconds(TestbedCluster hub,
                                                                                   TestNamespace ns)
            throws Exception {
        workflows = new TestingWorkflows(hub);
        api = new KubeJson(TestingWorkflows.client(hub), Duration.ofMinutes(1));
        TestingClock clock = new TestingClock(START);
        controller = start(hub, ns, clock);
        CronKey key = new CronKey("hub", ns.name(), "tick");
        workflows.createObject(ns.name(), "cronworkflows", "CronWorkflow", """
                metadata: {name: tick}
                spec:
                  schedules: ["* * * * *"]
                  startingDeadlineSeconds: 60
                  workflowSpec:
                    entrypoint: main
                    templates: [{name: main, container: {image: alpine, command: [echo, hi]}}]
                """);
        awaitArmed(key, "2026-01-01T00:01:00Z");
        clock.advance(Duration.ofSeconds(30));
        awaitCron(ns.name(), "run at 00:01", c -> c.path("status").path("lastScheduledTime").asText()
                .equals("2026-01-01T00:01:00Z"));
        controller.close();

        // 00:02:30 with no controller: the 00:02 run is 30 s late, within the 60 s deadline.
        clock.advance(Duration.ofSeconds(90));
        controller = start(hub, ns, clock);
        String late = "tick-" + Instant.parse("2026-01-01T00:02:00Z").getEpochSecond();
        workflows.await(ns.name(), late, "to be created", w -> true);
        awaitCron(ns.name(), "run at 00:02", c -> c.path("status").path("lastScheduledTime").asText()
                .equals("2026-01-01T00:02:00Z"));
        awaitArmed(key, "2026-01-01T00:03:00Z");
        controller.close();

        // 00:05:00 with no controller: the 00:04 run is 60 s late, past the deadline; nothing is made up.
        clock.advance(Duration.ofSeconds(150));
        controller = start(hub, ns, clock);
        awaitArmed(key, "2026-01-01T00:06:00Z");
        assertThat(children(ns.name())).containsExactlyInAnyOrder("tick-" + Instant.parse("2026-01-01T00:01:00Z")
                .getEpochSecond(), late);
    }

    @Test
    void anInvalidCronWorkflowGetsArgosSpecErrorConditionAndNoTimer(TestbedCluster hub, TestNamespace ns)
            throws Exception {
        workflows = new TestingWorkflows(hub);
        api = new KubeJson(TestingWorkflows.client(hub), Duration.ofMinutes(1));
        controller = start(hub, ns, new TestingClock(START));
        workflows.createObject(ns.name(), "cronworkflows", "CronWorkflow", """
                metadata: {name: tick}
                spec:
                  schedules: ["61 * * * *"]
                  workflowSpec: {entrypoint: main, templates: [{name: main, container: {image: alpine}}]}
                """);
        ObjectNode cron = awaitCron(ns.name(), "a SpecError", c -> c.path("status").path("conditions").size() == 1);
        JsonNode condition = cron.path("status").path("conditions").get(0);
        assertThat(condition.path("type").asText()).isEqualTo("SpecError");
        assertThat(condition.path("status").asText()).isEqualTo("True");
        assertThat(condition.path("message").asText()).startsWith("cron schedule 61 * * * * is malformed");
        assertThat(controller.cronArmedAt(new CronKey("hub", ns.name(), "tick"))).isEmpty();
    }

    private static Controller start(TestbedCluster hub, TestNamespace ns, TestingClock clock) throws IOException {
        Controller c = Controller.builder(TestingControllers.config(ns.name(), "")).clients(n -> TestingWorkflows
                .client(hub)).executor(new TestingStepExecutor(clock)).clock(clock).identity("it")
                .namespace(ns.name()).build();
        c.start();
        return c;
    }

    private void awaitArmed(CronKey key, String at) {
        Await.until("the next activation of " + key + " armed at " + at, TestingWorkflows.TIMEOUT,
                () -> controller.cronArmedAt(key).filter(Instant.parse(at)::equals));
    }

    private void awaitSeen(CronKey key, ObjectNode version) {
        String rv = version.path("metadata").path("resourceVersion").asText();
        Await.until(key + " seen at version " + rv, TestingWorkflows.TIMEOUT,
                () -> controller.cronSeenVersion(key).filter(v -> ResourceVersions.compare(v, rv) >= 0));
    }

    private ObjectNode cron(String namespace) throws ApiFailure {
        return api.get("/apis/argoproj.io/v1alpha1/namespaces/" + namespace + "/cronworkflows/tick", Map.of());
    }

    private ObjectNode awaitCron(String namespace, String what, Predicate<ObjectNode> condition) {
        return Await.until("the CronWorkflow to have " + what, TestingWorkflows.TIMEOUT, () -> {
            ObjectNode c = cron(namespace);
            return condition.test(c) ? Optional.of(c) : Optional.empty();
        });
    }

    private ObjectNode patchCron(String namespace, String patch) throws ApiFailure {
        return api.patch("/apis/argoproj.io/v1alpha1/namespaces/" + namespace + "/cronworkflows/tick",
                patch.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private List<String> children(String namespace) throws ApiFailure {
        List<String> names = new ArrayList<>();
        api.get("/apis/argoproj.io/v1alpha1/namespaces/" + namespace + "/workflows",
                Map.of("labelSelector", "workflows.argoproj.io/cron-workflow=tick"))
                .path("items").forEach(i -> names.add(i.path("metadata").path("name").asText()));
        return names;
    }

    private static List<String> activeNames(JsonNode cron) {
        List<String> names = new ArrayList<>();
        cron.path("status").path("active").forEach(a -> names.add(a.path("name").asText()));
        return names;
    }
}
