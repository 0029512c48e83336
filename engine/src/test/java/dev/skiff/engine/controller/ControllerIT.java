package dev.skiff.engine.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowCodec;
import dev.skiff.engine.run.WorkflowRunner;
import dev.skiff.testbed.TestNamespace;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The controller in-process against a real kube-apiserver, with the in-memory {@link TestingStepExecutor}:
 * workflows created with the API run to the end with the status {@code skiff run} gives, labels included.
 */
@Testbed
class ControllerIT {

    static final String STEPS = """
            metadata: {name: steps}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: hello, template: say, arguments: {parameters: [{name: text, value: hello}]}}
                    - - {name: a, template: say, arguments: {parameters: [{name: text, value: "{{steps.hello.outputs.result}} a"}]}}
                      - {name: b, template: say, arguments: {parameters: [{name: text, value: b}]}}
                - name: say
                  inputs: {parameters: [{name: text}]}
                  container: {image: alpine, command: [echo], args: ["{{inputs.parameters.text}}"]}
            """;

    static final String DAG = """
            metadata: {name: diamond}
            spec:
              entrypoint: main
              templates:
                - name: main
                  dag:
                    tasks:
                      - {name: A, template: say, arguments: {parameters: [{name: text, value: A}]}}
                      - {name: B, template: say, dependencies: [A], arguments: {parameters: [{name: text, value: "{{tasks.A.outputs.result}}B"}]}}
                      - {name: C, template: say, dependencies: [A], arguments: {parameters: [{name: text, value: C}]}}
                      - {name: D, template: say, dependencies: [B, C], arguments: {parameters: [{name: text, value: "{{tasks.B.outputs.result}}D"}]}}
                - name: say
                  inputs: {parameters: [{name: text}]}
                  container: {image: alpine, command: [echo], args: ["{{inputs.parameters.text}}"]}
            """;

    private Controller controller;

    @AfterEach
    void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    @Test
    void stepsAndDagWorkflowsSucceedWithTheStatusSkiffRunGivesAndArgosLabels(TestbedCluster hub, TestNamespace ns)
            throws Exception {
        TestingWorkflows workflows = new TestingWorkflows(hub);
        TestingStepExecutor executor = new TestingStepExecutor();
        controller = TestingControllers.start(hub, TestingControllers.config(ns.name(), ""), executor, "it", ns.name());

        workflows.create(ns.name(), STEPS);
        workflows.create(ns.name(), DAG);
        for (String yaml : new String[] {STEPS, DAG}) {
            Workflow local = new WorkflowRunner(new TestingStepExecutor(), Clock.systemUTC())
                    .run(WorkflowCodec.read(yaml, "local.yaml"), Map.of(), s -> { });
            String name = local.name();
            ObjectNode done = workflows.awaitFinished(ns.name(), name);
            assertThat(TestingWorkflows.phase(done)).isEqualTo("Succeeded");
            assertThat(TestingWorkflows.label(done, "workflows.argoproj.io/phase")).isEqualTo("Succeeded");
            assertThat(TestingWorkflows.label(done, "workflows.argoproj.io/completed")).isEqualTo("true");
            assertThat(done.path("metadata").path("annotations").path("workflows.argoproj.io/pod-name-format")
                    .asText()).isEqualTo("v2");
            assertThat(shape(done.get("status"))).isEqualTo(shape(WorkflowCodec.toTree(local).get("status")));
        }
        assertThat(executor.creations().values()).allMatch(n -> n == 1);
        assertThat(executor.creations()).hasSize(7);
    }

    private TestingWorkflows workflows;
    private TestingStepExecutor executor;

    private void start(TestbedCluster hub, String namespaces, String extra) {
        workflows = new TestingWorkflows(hub);
        executor = executor == null ? new TestingStepExecutor() : executor;
        controller = TestingControllers.start(hub, TestingControllers.config(namespaces, extra), executor, "it",
                namespaces.split(",")[0].trim());
    }

    static final String HELD = """
            metadata: {name: %s}
            spec:
              entrypoint: main
              onExit: exit
              templates:
                - name: main
                  steps:
                    - - {name: A, template: hold}
                    - - {name: B, template: quick}
                - name: hold
                  container: {image: alpine, command: [sleep], args: ["999"]}
                - name: quick
                  container: {image: alpine, command: [echo], args: [done]}
                - name: exit
                  container: {image: alpine, command: [echo], args: [bye]}
            """;

    static boolean nodeIn(ObjectNode wf, String displayName, String phase) {
        for (JsonNode n : wf.path("status").path("nodes")) {
            if (n.path("displayName").asText().equals(displayName) && n.path("phase").asText().equals(phase)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aWorkflowLintRefusesFailsWithInvalidSpecAndTheControllerRunsTheNext(TestbedCluster hub, TestNamespace ns)
            throws Exception {
        start(hub, ns.name(), "");
        String invalid = """
                metadata: {name: invalid}
                spec:
                  entrypoint: nope
                  templates:
                    - name: main
                      container: {image: alpine}
                """;
        workflows.create(ns.name(), invalid);
        workflows.create(ns.name(), STEPS);

        ObjectNode refused = workflows.awaitFinished(ns.name(), "invalid");
        var problems = dev.skiff.engine.lint.WorkflowLinter.lint(WorkflowCodec.read(invalid, "x"), Map.of());
        assertThat(TestingWorkflows.phase(refused)).isEqualTo("Failed");
        assertThat(TestingWorkflows.message(refused)).isEqualTo("invalid spec: " + problems.getFirst().message())
                .isEqualTo("invalid spec: template name 'nope' undefined");
        assertThat(refused.path("status").path("nodes").isEmpty()).isTrue();
        assertThat(refused.path("status").path("progress").asText()).isEqualTo("0/0");
        assertThat(TestingWorkflows.label(refused, "workflows.argoproj.io/phase")).isEqualTo("Failed");
        assertThat(TestingWorkflows.phase(workflows.awaitFinished(ns.name(), "steps"))).isEqualTo("Succeeded");
    }

    @Test
    void malformedAndHugeObjectsEndWithAMessageAndNoStackTraceInTheLog(TestbedCluster hub, TestNamespace ns)
            throws Exception {
        try (TestingLog log = new TestingLog()) {
            start(hub, ns.name(), "");
            workflows.createRaw(ns.name(), "{\"apiVersion\":\"argoproj.io/v1alpha1\",\"kind\":\"Workflow\","
                    + "\"metadata\":{\"name\":\"spec-is-a-string\"},\"spec\":\"run everything\"}");
            String big = "x".repeat(1_100_000);
            workflows.create(ns.name(), """
                    metadata: {name: huge}
                    spec:
                      entrypoint: main
                      arguments: {parameters: [{name: big, value: "%s"}]}
                      templates:
                        - name: main
                          container: {image: alpine, command: [echo], args: [hi]}
                    """.formatted(big));
            workflows.create(ns.name(), STEPS);

            ObjectNode malformed = workflows.awaitFinished(ns.name(), "spec-is-a-string");
            assertThat(TestingWorkflows.phase(malformed)).isEqualTo("Failed");
            assertThat(TestingWorkflows.message(malformed))
                    .isEqualTo("cannot unmarshall spec: spec must be an object, not the string \"run everything\"");
            ObjectNode huge = workflows.awaitFinished(ns.name(), "huge");
            assertThat(TestingWorkflows.phase(huge)).isEqualTo("Error");
            assertThat(TestingWorkflows.message(huge)).startsWith("workflow is longer than maximum allowed size."
                    + " compressed size ").endsWith(" > maxSize 1048576");
            assertThat(TestingWorkflows.phase(workflows.awaitFinished(ns.name(), "steps"))).isEqualTo("Succeeded");

            assertThat(log.records()).allSatisfy(r -> assertThat(r.getThrown()).as(r.getMessage()).isNull());
            assertThat(log.text()).doesNotContain("Exception").doesNotContain("\tat ")
                    .contains("event=workflow.unreadable").contains("event=workflow.too-large");
        }
    }

    @Test
    void workflowsOfUnwatchedNamespacesOrOtherInstanceIdsAreLeftAlone(TestbedCluster hub, TestNamespace ns)
            throws Exception {
        String other = ns.name() + "-other";
        hub.kubectl("create", "namespace", other);
        try {
            start(hub, ns.name(), "");
            workflows.create(other, STEPS);
            workflows.create(ns.name(), STEPS.replace("name: steps}", "name: blue, labels: "
                    + "{workflows.argoproj.io/controller-instanceid: blue}}"));
            workflows.create(ns.name(), DAG);
            workflows.awaitFinished(ns.name(), "diamond");

            assertThat(workflows.get(other, "steps").orElseThrow().has("status")).isFalse();
            assertThat(workflows.get(ns.name(), "blue").orElseThrow().has("status")).isFalse();

            try (Controller blue = TestingControllers.start(hub, TestingControllers.config(ns.name(),
                    "instanceId: blue\nleaderElection: {enabled: false}"), new TestingStepExecutor(), "blue",
                    ns.name())) {
                assertThat(TestingWorkflows.phase(workflows.awaitFinished(ns.name(), "blue"))).isEqualTo("Succeeded");
            }
            assertThat(workflows.get(other, "steps").orElseThrow().has("status")).isFalse();
        } finally {
            hub.kubectl("delete", "namespace", other, "--wait=false");
        }
    }

    @Test
    void stopAndTerminateFromOutsideStopTheRunningStepWithArgosMessages(TestbedCluster hub, TestNamespace ns)
            throws Exception {
        executor = new TestingStepExecutor().on("hold", new TestingStepExecutor.Hold());
        start(hub, ns.name(), "");
        workflows.create(ns.name(), HELD.formatted("stopped"));
        workflows.create(ns.name(), HELD.formatted("terminated"));
        workflows.await(ns.name(), "stopped", "A running", wf -> nodeIn(wf, "A", "Running"));
        workflows.await(ns.name(), "terminated", "A running", wf -> nodeIn(wf, "A", "Running"));

        workflows.patch(ns.name(), "stopped", "{\"spec\":{\"shutdown\":\"Stop\"}}");
        workflows.patch(ns.name(), "terminated", "{\"spec\":{\"shutdown\":\"Terminate\"}}");

        ObjectNode stopped = workflows.awaitFinished(ns.name(), "stopped");
        assertThat(TestingWorkflows.phase(stopped)).isEqualTo("Failed");
        assertThat(TestingWorkflows.message(stopped)).isEqualTo("Stopped with strategy 'Stop'");
        assertThat(TestingWorkflows.node(stopped, "A").path("message").asText())
                .isEqualTo("workflow shutdown with strategy:  Stop");
        assertThat(TestingWorkflows.node(stopped, "stopped.onExit").path("phase").asText()).isEqualTo("Succeeded");
        ObjectNode terminated = workflows.awaitFinished(ns.name(), "terminated");
        assertThat(TestingWorkflows.message(terminated)).isEqualTo("Stopped with strategy 'Terminate'");
        assertThat(terminated.path("status").path("nodes").toString()).doesNotContain("onExit");
        assertThat(executor.stopped()).extracting(r -> r.stepId()).containsExactlyInAnyOrder(
                "stopped-hold-" + stepHash("stopped", "stopped[0].A"),
                "terminated-hold-" + stepHash("terminated", "terminated[0].A"));
        assertThat(executor.requests()).noneMatch(r -> r.templateName().equals("quick"));
    }

    private static String stepHash(String wf, String nodeName) {
        String id = dev.skiff.engine.model.PodNames.nodeId(wf, nodeName);
        return id.substring(wf.length() + 1);
    }

    @Test
    void aSuspendedWorkflowStartsNothingNewUntilResumedAndArgoResumeOfASuspendNodeGoesOn(TestbedCluster hub,
            TestNamespace ns) throws Exception {
        executor = new TestingStepExecutor().on("hold", new TestingStepExecutor.Hold());
        start(hub, ns.name(), "");
        workflows.create(ns.name(), HELD.formatted("paused"));
        workflows.await(ns.name(), "paused", "A running", wf -> nodeIn(wf, "A", "Running"));
        String patched = workflows.patch(ns.name(), "paused", "{\"spec\":{\"suspend\":true}}")
                .path("metadata").path("resourceVersion").asText();
        WorkflowKey key = new WorkflowKey("hub", ns.name(), "paused");
        dev.skiff.testbed.Await.until("the controller to see the suspend", TestingWorkflows.TIMEOUT,
                () -> controller.sessionVersion(key).filter(patched::equals));
        assertThat(executor.release("hold", 0)).isEqualTo(1);
        ObjectNode aDone = workflows.await(ns.name(), "paused", "A succeeded", wf -> nodeIn(wf, "A", "Succeeded"));
        assertThat(TestingWorkflows.phase(aDone)).isEqualTo("Running");
        assertThat(aDone.path("status").path("nodes").toString()).doesNotContain("paused[1].B");
        assertThat(executor.requests()).noneMatch(r -> r.templateName().equals("quick"));

        workflows.patch(ns.name(), "paused", "{\"spec\":{\"suspend\":null}}");
        assertThat(TestingWorkflows.phase(workflows.awaitFinished(ns.name(), "paused"))).isEqualTo("Succeeded");

        workflows.create(ns.name(), """
                metadata: {name: approval}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - {name: approve, template: approve}
                        - - {name: after, template: quick}
                    - name: approve
                      suspend: {}
                    - name: quick
                      container: {image: alpine, command: [echo], args: [done]}
                """);
        ObjectNode waiting = workflows.await(ns.name(), "approval", "approve running",
                wf -> nodeIn(wf, "approve", "Running"));
        // argo resume: the suspend node is marked Succeeded in the status, with an update of the whole object.
        for (JsonNode n : waiting.path("status").path("nodes")) {
            if (n.path("displayName").asText().equals("approve")) {
                ((ObjectNode) n).put("phase", "Succeeded").put("finishedAt", java.time.Instant.now()
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
            }
        }
        workflows.put(ns.name(), "approval", waiting);
        assertThat(TestingWorkflows.phase(workflows.awaitFinished(ns.name(), "approval"))).isEqualTo("Succeeded");
    }

    @Test
    void aRetryWithBackoffStartsItsNextAttemptWhenTheBackoffEndsWithoutAnyOtherEvent(TestbedCluster hub,
            TestNamespace ns) throws Exception {
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        executor = new TestingStepExecutor().on("flaky", r -> new TestingStepExecutor.Exit(
                attempts.incrementAndGet() == 1 ? 1 : 0, java.util.Optional.empty()));
        start(hub, ns.name(), "");
        workflows.create(ns.name(), """
                metadata: {name: retried}
                spec:
                  entrypoint: flaky
                  templates:
                    - name: flaky
                      retryStrategy: {limit: 2, backoff: {duration: "3s"}}
                      container: {image: alpine}
                """);
        ObjectNode done = workflows.awaitFinished(ns.name(), "retried");
        assertThat(TestingWorkflows.phase(done)).isEqualTo("Succeeded");
        JsonNode first = TestingWorkflows.node(done, "retried(0)");
        JsonNode second = TestingWorkflows.node(done, "retried(1)");
        assertThat(first.path("phase").asText()).isEqualTo("Failed");
        java.time.Duration gap = java.time.Duration.between(java.time.Instant.parse(first.path("finishedAt").asText()),
                java.time.Instant.parse(second.path("startedAt").asText()));
        System.out.println("retry back-off 3s: next attempt started " + gap + " after the failure");
        assertThat(gap).isGreaterThanOrEqualTo(java.time.Duration.ofSeconds(3));
        assertThat(attempts.get()).isEqualTo(2);
    }

    @Test
    void podGcLabelsOrDeletesPodsAndTtlDeletesTheWorkflow(TestbedCluster hub, TestNamespace ns) throws Exception {
        start(hub, ns.name(), "");
        workflows.create(ns.name(), STEPS.replace("name: steps}", "name: gc}").replace("  entrypoint: main",
                "  entrypoint: main\n  podGC: {strategy: OnPodCompletion, deleteDelayDuration: 0s}"));
        workflows.create(ns.name(), DAG.replace("name: diamond}", "name: kept}"));
        workflows.create(ns.name(), STEPS.replace("name: steps}", "name: ttl}").replace("  entrypoint: main",
                "  entrypoint: main\n  ttlStrategy: {secondsAfterSuccess: 2}"));
        workflows.create(ns.name(), STEPS.replace("name: steps}", "name: done}").replace("  entrypoint: main",
                "  entrypoint: main\n  podGC: {strategy: OnWorkflowSuccess, deleteDelayDuration: 1s}"));

        workflows.awaitFinished(ns.name(), "gc");
        workflows.awaitFinished(ns.name(), "kept");
        workflows.awaitFinished(ns.name(), "done");
        workflows.awaitDeleted(ns.name(), "ttl");
        dev.skiff.testbed.Await.until("pods of gc deleted", TestingWorkflows.TIMEOUT, () -> executor.deleted().stream()
                .filter(r -> r.stepId().startsWith("gc-")).count() == 3 ? java.util.Optional.of(true)
                : java.util.Optional.empty());
        dev.skiff.testbed.Await.until("pods of done deleted", TestingWorkflows.TIMEOUT, () -> executor.deleted()
                .stream().filter(r -> r.stepId().startsWith("done-")).count() == 3 ? java.util.Optional.of(true)
                : java.util.Optional.empty());
        assertThat(executor.settled()).extracting(r -> r.stepId()).filteredOn(id -> id.startsWith("kept-")).hasSize(4);
        assertThat(executor.settled()).extracting(r -> r.stepId()).filteredOn(id -> id.startsWith("ttl-")).hasSize(3);
        assertThat(executor.deleted()).noneMatch(r -> r.stepId().startsWith("kept-"));
        assertThat(executor.deleted()).allMatch(r -> r.target().cluster().equals("hub")
                && r.target().namespace().equals(ns.name()));
    }

    @Test
    void deletingARunningWorkflowDeletesItsRunningSteps(TestbedCluster hub, TestNamespace ns) throws Exception {
        executor = new TestingStepExecutor().on("hold", new TestingStepExecutor.Hold());
        start(hub, ns.name(), "");
        workflows.create(ns.name(), HELD.formatted("doomed"));
        workflows.await(ns.name(), "doomed", "A running", wf -> nodeIn(wf, "A", "Running"));
        hub.kubectl("-n", ns.name(), "delete", "workflows.argoproj.io", "doomed");
        dev.skiff.testbed.Await.until("the held step deleted", TestingWorkflows.TIMEOUT, () ->
                executor.deleted().stream().anyMatch(r -> r.stepId().startsWith("doomed-hold-"))
                        ? java.util.Optional.of(true) : java.util.Optional.empty());
    }

    /** The status without times and uids: what {@code conformance/compare} compares. */
    static Map<String, Object> shape(JsonNode status) {
        Map<String, Object> out = new TreeMap<>();
        out.put("phase", status.path("phase").asText());
        out.put("message", status.path("message").asText());
        out.put("progress", status.path("progress").asText());
        Map<String, JsonNode> nodes = new TreeMap<>();
        status.path("nodes").properties().forEach(e -> {
            ObjectNode n = e.getValue().deepCopy();
            n.remove(java.util.List.of("startedAt", "finishedAt", "templateScope", "hostNodeName"));
            nodes.put(e.getKey(), n);
        });
        out.put("nodes", nodes);
        return out;
    }
}
