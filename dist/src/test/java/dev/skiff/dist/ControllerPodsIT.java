package dev.skiff.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import dev.skiff.testbed.TestNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/skiff controller} with the real {@code pod} executor plugin, on the testbed's process kubelet running
 * Argo's real argoexec: workflows end as {@code skiff run} and Argo end them; the cluster commands (logs, stop,
 * terminate, suspend, resume, delete) act on real pods. One controller serves the whole class.
 */
@Testbed
class ControllerPodsIT {

    static final Duration WAIT = Duration.ofMinutes(2);

    @TempDir
    static Path shared;

    private static TestingControllerProcess controller;

    @TempDir
    Path dir;

    private TestbedCluster hub;
    private Map<String, String> env;

    @BeforeAll
    static void startController(TestbedCluster hub) throws Exception {
        TestingControllerSetup.installCrds(hub);
        controller = TestingControllerProcess.start(hub, shared.resolve("controller"),
                TestingControllerProcess.Options.plain());
    }

    @AfterAll
    static void stopController() throws Exception {
        if (controller != null) {
            controller.close();
            String log = controller.log();
            assertThat(log.lines().filter(l -> l.startsWith("\tat ") || l.contains("Exception")
                    || l.contains("event=workflow.sync.error") || l.contains(" error ")))
                    .as("no stack traces or errors in the controller's log:%n%s", log).isEmpty();
        }
    }

    @BeforeEach
    void prepare(TestbedCluster hub, TestNamespace ns) {
        this.hub = hub;
        TestingControllerSetup.allowSteps(hub, ns.name());
        env = Map.of("KUBECONFIG", hub.kubeconfig().toString(), "HOME", dir.toString());
    }

    private static final String DAG = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata:
              name: dag-params
            spec:
              entrypoint: main
              arguments:
                parameters: [{name: greeting, value: hello}]
              templates:
              - name: main
                dag:
                  tasks:
                  - {name: a, template: gen}
                  - name: b
                    template: echo
                    depends: a
                    arguments:
                      parameters: [{name: msg, value: "{{tasks.a.outputs.result}}"}]
                  - name: c
                    template: echo
                    depends: a
                    arguments:
                      parameters: [{name: msg, value: "{{tasks.a.outputs.parameters.out}}"}]
                  - name: d
                    template: echo
                    depends: b && c
                    arguments:
                      parameters: [{name: msg, value: "{{tasks.b.outputs.result}}+{{tasks.c.outputs.result}}"}]
              - name: gen
                script:
                  image: alpine
                  command: [sh]
                  source: |
                    echo {{workflow.parameters.greeting}}-from-a
                    echo param-value > /tmp/out
                outputs:
                  parameters:
                  - name: out
                    valueFrom: {path: /tmp/out}
              - name: echo
                inputs:
                  parameters: [{name: msg}]
                container:
                  image: alpine
                  command: [sh, -c]
                  args: ["echo got {{inputs.parameters.msg}}"]
            """;

    @Test
    void aDagPassingParametersAndResultsEndsAsSkiffRunEndsItAndLogsShowItsSteps(TestNamespace ns) throws Exception {
        Path file = Files.writeString(dir.resolve("dag.yaml"), DAG);
        try (TestingKubeWatch pods = TestingKubeWatch.pods(hub.apiClient(), ns.name());
             TestingKubeWatch results = TestingKubeWatch.taskResults(hub.apiClient(), ns.name())) {
            var submitted = TestingLauncher.run(env, "submit", file.toString(), "-n", ns.name(), "--wait", "-o", "json");
            var local = TestingLauncher.run(Map.of("HOME", dir.toString()), "run", file.toString(), "-o", "json");

            assertThat(submitted.exitCode()).as(submitted.stderr()).isZero();
            assertThat(local.exitCode()).as(local.stderr()).isZero();
            Path expected = Files.writeString(dir.resolve("local.json"), local.stdout());
            var comparison = TestingControllerSetup.compare(TestingControllerSetup.read(submitted.stdout()), expected,
                    dir);
            assertThat(comparison.exitCode()).as(comparison.output()).isZero();
            JsonNode d = node(TestingControllerSetup.read(submitted.stdout()), "d");
            assertThat(d.path("outputs").path("exitCode").asText()).isEqualTo("0");
            assertThat(d.path("inputs").path("parameters").get(0).path("value").asText())
                    .isEqualTo("got hello-from-a+got param-value");

            // Every pod created once, labelled completed once its node was recorded; task results dropped at the end.
            assertThat(pods.names()).hasSize(4);
            assertThat(pods.createdTwice()).isEmpty();
            pods.await("every pod labelled completed", WAIT, w -> w.all().values().stream().allMatch(label(
                    "workflows.argoproj.io/completed", "true")) ? Optional.of(true) : Optional.empty());
            assertThat(results.names()).hasSize(4);
            results.await("the task results to be deleted", WAIT, w -> w.all().isEmpty() ? Optional.of(true)
                    : Optional.empty());

            var logs = TestingLauncher.run(env, "logs", "dag-params", "-n", ns.name());
            assertThat(logs.exitCode()).as(logs.stderr()).isZero();
            assertThat(logs.stdout()).containsPattern("(?m)^dag-params-gen-\\d+: hello-from-a$")
                    .containsPattern("(?m)^dag-params-echo-\\d+: got got hello-from-a\\+got param-value$");
            var nodeLogs = TestingLauncher.run(env, "logs", "dag-params", "-n", ns.name(), "--node", "b");
            assertThat(nodeLogs.stdout()).containsPattern("(?m)^dag-params-echo-\\d+: got hello-from-a$")
                    .doesNotContain("param-value");
        }
    }

    /** Argo's test/e2e/functional/stop-terminate.yaml, in our words: a long step with a DAG exit hook. */
    private static final String STOPPABLE = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata:
              name: %s
            spec:
              entrypoint: main
              onExit: bye
              templates:
              - name: main
                dag:
                  tasks:
                  - {name: A, template: nap, onExit: bye}
              - name: nap
                container: {image: alpine, command: [sleep, "999"]}
              - name: bye
                container: {image: alpine, command: [echo, bye]}
            """;

    @Test
    void stopKillsTheRunningStepThroughArgoexecAndStillRunsTheExitHandlers(TestNamespace ns) throws Exception {
        JsonNode wf = shutDown(ns, "stopped", "stop");

        assertThat(wf.path("status").path("phase").asText()).isEqualTo("Failed");
        assertThat(wf.path("status").path("message").asText()).isEqualTo("Stopped with strategy 'Stop'");
        JsonNode a = node(wf, "A");
        assertThat(a.path("phase").asText()).isEqualTo("Failed");
        assertThat(a.path("message").asText()).isEqualTo("workflow shutdown with strategy:  Stop");
        assertThat(node(wf, "A.onExit").path("phase").asText()).isEqualTo("Succeeded");
        assertThat(node(wf, "stopped.onExit").path("phase").asText()).isEqualTo("Succeeded");
    }

    @Test
    void terminateKillsTheRunningStepAndRunsNoExitHandler(TestNamespace ns) throws Exception {
        JsonNode wf = shutDown(ns, "terminated", "terminate");

        assertThat(wf.path("status").path("phase").asText()).isEqualTo("Failed");
        assertThat(wf.path("status").path("message").asText()).isEqualTo("Stopped with strategy 'Terminate'");
        assertThat(node(wf, "A").path("phase").asText()).isEqualTo("Failed");
        assertThat(findNode(wf, "A.onExit")).isEmpty();
        assertThat(findNode(wf, "terminated.onExit")).isEmpty();
    }

    /**
     * Runs STOPPABLE, shuts it down with the command once A's pod runs, and checks that the pod was stopped the
     * Argo way: {@code argoexec kill} through pods/exec (main ends 143, the pod object stays), not deleted.
     */
    private JsonNode shutDown(TestNamespace ns, String name, String command) throws Exception {
        Path file = Files.writeString(dir.resolve(name + ".yaml"), STOPPABLE.formatted(name));
        try (TestingKubeWatch pods = TestingKubeWatch.pods(hub.apiClient(), ns.name());
             TestingKubeWatch workflows = TestingKubeWatch.workflows(hub.apiClient(), ns.name())) {
            var submit = TestingLauncher.run(env, "submit", file.toString(), "-n", ns.name());
            assertThat(submit.exitCode()).as(submit.stderr()).isZero();
            String napPod = workflows.await("node A running", WAIT, w -> w.get(name).flatMap(wf -> findNode(wf, "A"))
                    .filter(n -> n.path("phase").asText().equals("Running")).map(n -> podName(name, n)));
            pods.await(napPod, WAIT, "main running", p -> containerState(p, "main").has("running"));

            var shutdown = TestingLauncher.run(env, command, name, "-n", ns.name());
            assertThat(shutdown.exitCode()).as(shutdown.stderr()).isZero();

            JsonNode done = workflows.await(name, WAIT, "completed", label("workflows.argoproj.io/completed", "true"));
            JsonNode pod = pods.await(napPod, WAIT, "ended", p -> p.path("status").path("phase").asText()
                    .equals("Failed"));
            assertThat(containerState(pod, "main").path("terminated").path("exitCode").asInt())
                    .as("main got SIGTERM from argoexec kill").isEqualTo(143);
            assertThat(pods.get(napPod)).as("the pod is stopped, not deleted").isPresent();
            assertThat(pods.createdTwice()).isEmpty();
            return done;
        }
    }

    @Test
    void underStopNoNewPodIsCreated(TestNamespace ns) throws Exception {
        Path file = Files.writeString(dir.resolve("two.yaml"), """
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {name: two-steps}
                spec:
                  entrypoint: main
                  templates:
                  - name: main
                    steps:
                    - - {name: A, template: nap}
                    - - {name: B, template: pass}
                  - name: nap
                    container: {image: alpine, command: [sleep, "999"]}
                  - name: pass
                    container: {image: alpine, command: ["true"]}
                """);
        try (TestingKubeWatch pods = TestingKubeWatch.pods(hub.apiClient(), ns.name());
             TestingKubeWatch workflows = TestingKubeWatch.workflows(hub.apiClient(), ns.name())) {
            assertThat(TestingLauncher.run(env, "submit", file.toString(), "-n", ns.name()).exitCode()).isZero();
            workflows.await("A running", WAIT, w -> w.get("two-steps").flatMap(wf -> findNode(wf, "A"))
                    .filter(n -> n.path("phase").asText().equals("Running")));
            assertThat(TestingLauncher.run(env, "stop", "two-steps", "-n", ns.name()).exitCode()).isZero();

            JsonNode done = workflows.await("two-steps", WAIT, "completed",
                    label("workflows.argoproj.io/completed", "true"));
            assertThat(done.path("status").path("phase").asText()).isEqualTo("Failed");
            assertThat(node(done, "A").path("phase").asText()).isEqualTo("Failed");
            assertThat(findNode(done, "B")).isEmpty();
            assertThat(pods.names()).hasSize(1);
        }
    }

    @Test
    void suspendHoldsBackNewStepsAndResumeGoesOnAsDoesResumingASuspendTemplate(TestNamespace ns) throws Exception {
        Path gate = Files.createDirectories(dir.resolve("gate"));
        Path file = Files.writeString(dir.resolve("suspend.yaml"), """
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {name: held}
                spec:
                  entrypoint: main
                  volumes: [{name: gate, hostPath: {path: %s}}]
                  templates:
                  - name: main
                    steps:
                    - - {name: a, template: wait-for-gate}
                    - - {name: approve, template: approve}
                    - - {name: b, template: pass}
                  - name: wait-for-gate
                    container:
                      image: alpine
                      command: [sh, -c, "until [ -e /gate/open ]; do sleep 0.1; done"]
                      volumeMounts: [{name: gate, mountPath: /gate}]
                  - name: approve
                    suspend: {}
                  - name: pass
                    container: {image: alpine, command: ["true"]}
                """.formatted(gate));
        try (TestingKubeWatch workflows = TestingKubeWatch.workflows(hub.apiClient(), ns.name())) {
            assertThat(TestingLauncher.run(env, "submit", file.toString(), "-n", ns.name()).exitCode()).isZero();
            workflows.await("a running", WAIT, w -> w.get("held").flatMap(wf -> findNode(wf, "a"))
                    .filter(n -> n.path("phase").asText().equals("Running")));

            var suspend = TestingLauncher.run(env, "suspend", "held", "-n", ns.name());
            assertThat(suspend.exitCode()).as(suspend.stderr()).isZero();
            Files.writeString(gate.resolve("open"), "");
            // The write that records a's end is based on the suspended object (a write from an older version would
            // conflict and be redone from the new one): without the suspension, it would hold the approve node.
            JsonNode aDone = workflows.await("a recorded Succeeded", WAIT, w -> w.get("held")
                    .filter(wf -> findNode(wf, "a").map(n -> n.path("phase").asText().equals("Succeeded"))
                            .orElse(false)));
            assertThat(aDone.path("status").path("phase").asText()).isEqualTo("Running");
            assertThat(findNode(aDone, "approve")).as("no new step while suspended").isEmpty();
            var list = TestingLauncher.run(env, "list", "-n", ns.name());
            assertThat(list.stdout()).containsPattern("(?m)^held +Running \\(Suspended\\) ");

            assertThat(TestingLauncher.run(env, "resume", "held", "-n", ns.name()).exitCode()).isZero();
            workflows.await("the approve node waiting", WAIT, w -> w.get("held").flatMap(wf -> findNode(wf, "approve"))
                    .filter(n -> n.path("phase").asText().equals("Running")));
            var resume = TestingLauncher.run(env, "resume", "held", "-n", ns.name());
            assertThat(resume.exitCode()).as(resume.stderr()).isZero();

            var watch = TestingLauncher.run(env, "watch", "held", "-n", ns.name(), "-o", "json");
            assertThat(watch.exitCode()).as(watch.stderr()).isZero();
            JsonNode done = TestingControllerSetup.read(watch.stdout());
            assertThat(node(done, "approve").path("phase").asText()).isEqualTo("Succeeded");
            assertThat(node(done, "b").path("phase").asText()).isEqualTo("Succeeded");
        }
    }

    @Test
    void deleteRemovesTheWorkflowItsPodsAndItsTaskResults(TestNamespace ns) throws Exception {
        Path file = Files.writeString(dir.resolve("doomed.yaml"), """
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {name: doomed}
                spec:
                  entrypoint: main
                  templates:
                  - name: main
                    steps:
                    - - {name: quick, template: quick}
                    - - {name: nap, template: nap}
                  - name: quick
                    container: {image: alpine, command: [echo, hi]}
                  - name: nap
                    container: {image: alpine, command: [sleep, "999"]}
                """);
        try (TestingKubeWatch pods = TestingKubeWatch.pods(hub.apiClient(), ns.name());
             TestingKubeWatch results = TestingKubeWatch.taskResults(hub.apiClient(), ns.name());
             TestingKubeWatch workflows = TestingKubeWatch.workflows(hub.apiClient(), ns.name())) {
            assertThat(TestingLauncher.run(env, "submit", file.toString(), "-n", ns.name()).exitCode()).isZero();
            JsonNode running = workflows.await("nap running", WAIT, w -> w.get("doomed")
                    .filter(wf -> findNode(wf, "nap").map(n -> n.path("phase").asText().equals("Running"))
                            .orElse(false)));
            String napPod = podName("doomed", findNode(running, "nap").orElseThrow());
            pods.await(napPod, WAIT, "main running", p -> containerState(p, "main").has("running"));
            assertThat(results.all()).isNotEmpty();

            var delete = TestingLauncher.run(env, "delete", "doomed", "-n", ns.name());
            assertThat(delete.exitCode()).as(delete.stderr()).isZero();

            workflows.awaitGone("doomed", WAIT);
            pods.await("every pod gone", WAIT, w -> w.all().isEmpty() ? Optional.of(true) : Optional.empty());
            results.await("every task result gone", WAIT, w -> w.all().isEmpty() ? Optional.of(true)
                    : Optional.empty());
            assertThat(pods.names()).hasSize(2);
        }
    }

    /**
     * Argo's own results (conformance/expected, recorded with Argo v4.1.2) of retries, deadlines, exit handlers. Where
     * real pods race by design, only what does not depend on who wins: a pod's activeDeadlineSeconds (the kubelet's
     * "Pod was active on the node longer than the specified deadline") ends a step with Argo's phases, but the exit
     * code depends on how far the pod got in its 1 s (under load main may not have started at all: no exit code, and
     * the wait container, which waits for main, is killed after the grace period); at a workflow deadline, the
     * controller's "Step exceeded its deadline" and the kubelet's message race in Argo too (the pod's
     * activeDeadlineSeconds is the whole seconds left, as Argo's workflowpod.go sets it).
     */
    @Test
    void retriesDeadlinesAndExitHandlersEndAsArgoEndsThem(TestNamespace ns) throws Exception {
        List<String> cases = List.of("retry-limit-exhausted", "retry-succeeds-later", "exit-handler-failed");
        List<String> racing = List.of("deadline-template", "deadline-workflow", "deadline-with-exit-handler");
        try (TestingKubeWatch workflows = TestingKubeWatch.workflows(hub.apiClient(), ns.name())) {
            for (String c : concat(cases, racing)) {
                hub.kubectl("create", "-n", ns.name(), "-f", TestingControllerSetup.conformanceCase(c).toString());
            }
            JsonNode template = workflows.await("deadline-template", WAIT, "completed",
                    label("workflows.argoproj.io/completed", "true"));
            assertThat(template.path("status").path("phase").asText()).isEqualTo("Failed");
            assertThat(node(template, "sleepy").path("phase").asText()).isEqualTo("Failed");
            assertThat(node(template, "sleepy").path("message").asText())
                    .isEqualTo("Pod was active on the node longer than the specified deadline");
            JsonNode workflow = workflows.await("deadline-workflow", WAIT, "completed",
                    label("workflows.argoproj.io/completed", "true"));
            assertThat(workflow.path("status").path("phase").asText()).isEqualTo("Failed");
            assertThat(workflow.path("status").path("message").asText())
                    .isEqualTo("child 'deadline-workflow-3786356851' failed");
            assertThat(node(workflow, "sleepy").path("phase").asText()).isEqualTo("Failed");
            assertThat(node(workflow, "sleepy").path("message").asText()).isIn("Step exceeded its deadline",
                    "Pod was active on the node longer than the specified deadline");
            assertThat(findNode(workflow, "never")).isEmpty();
            JsonNode withHandler = workflows.await("deadline-with-exit-handler", WAIT, "completed",
                    label("workflows.argoproj.io/completed", "true"));
            assertThat(withHandler.path("status").path("phase").asText()).isEqualTo("Failed");
            assertThat(withHandler.path("status").path("message").asText()).isIn("Step exceeded its deadline",
                    "Pod was active on the node longer than the specified deadline");
            assertThat(node(withHandler, "deadline-with-exit-handler.onExit").path("phase").asText())
                    .isEqualTo("Succeeded");
            List<String> mismatches = new ArrayList<>();
            for (String c : cases) {
                JsonNode done = workflows.await(c, WAIT, "completed", label("workflows.argoproj.io/completed", "true"));
                var comparison = TestingControllerSetup.compare(done, TestingControllerSetup.expected(c), dir);
                if (comparison.exitCode() != 0) {
                    mismatches.add(c + ":\n" + comparison.output());
                }
            }
            assertThat(mismatches).isEmpty();
        }
    }

    /**
     * The artifact repository as Argo finds it (an {@code artifact-repositories} ConfigMap in the workflow's
     * namespace, its default key by annotation) is recorded in the status and handed to argoexec as the template's
     * archive location; with the store unreachable, argoexec's own error ends the step (no S3 server on the testbed).
     */
    @Test
    void anUnreachableArtifactStoreEndsTheStepWithArgoexecsErrorAfterTheRepositoryWasResolvedAsArgoDoes(
            TestNamespace ns) throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        hub.kubectl("create", "secret", "generic", "-n", ns.name(), "store-creds", "--from-literal=access=a",
                "--from-literal=secret=b");
        Path repos = Files.writeString(dir.resolve("repos.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: artifact-repositories
                  annotations: {workflows.argoproj.io/default-artifact-repository: unreachable}
                data:
                  unreachable: |
                    s3:
                      bucket: my-bucket
                      endpoint: 127.0.0.1:%d
                      insecure: true
                      keyFormat: "runs/{{workflow.name}}/{{pod.name}}"
                      accessKeySecret: {name: store-creds, key: access}
                      secretKeySecret: {name: store-creds, key: secret}
                """.formatted(closedPort));
        hub.kubectl("apply", "-n", ns.name(), "-f", repos.toString());
        Path file = Files.writeString(dir.resolve("store.yaml"), """
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {name: store}
                spec:
                  entrypoint: main
                  templates:
                  - name: main
                    container: {image: alpine, command: [sh, -c, "echo hi > /tmp/out.txt"]}
                    outputs:
                      artifacts: [{name: out, path: /tmp/out.txt}]
                """);
        try (TestingKubeWatch pods = TestingKubeWatch.pods(hub.apiClient(), ns.name());
             TestingKubeWatch workflows = TestingKubeWatch.workflows(hub.apiClient(), ns.name())) {
            assertThat(TestingLauncher.run(env, "submit", file.toString(), "-n", ns.name()).exitCode()).isZero();
            JsonNode done = workflows.await("store", WAIT, "completed", label("workflows.argoproj.io/completed",
                    "true"));

            JsonNode ref = done.path("status").path("artifactRepositoryRef");
            assertThat(ref.path("configMap").asText()).isEqualTo("artifact-repositories");
            assertThat(ref.path("key").asText()).isEqualTo("unreachable");
            assertThat(ref.path("namespace").asText()).isEqualTo(ns.name());
            assertThat(ref.path("artifactRepository").path("s3").path("bucket").asText()).isEqualTo("my-bucket");
            JsonNode pod = pods.get("store").orElseThrow();
            String template = "";
            for (JsonNode c : pod.path("spec").path("initContainers")) {
                for (JsonNode e : c.path("env")) {
                    if (e.path("name").asText().equals("ARGO_TEMPLATE")) {
                        template = e.path("value").asText();
                    }
                }
            }
            JsonNode archive = TestingControllerSetup.read(template).path("archiveLocation");
            assertThat(archive.path("s3").path("key").asText()).isEqualTo("runs/store/store");
            assertThat(archive.path("s3").path("endpoint").asText()).isEqualTo("127.0.0.1:" + closedPort);
            JsonNode node = node(done, "store");
            assertThat(done.path("status").path("phase").asText()).isIn("Error", "Failed");
            assertThat(node.path("phase").asText()).isIn("Error", "Failed");
            assertThat(node.path("message").asText()).startsWith("wait: Error").contains("connection refused")
                    .contains("127.0.0.1:" + closedPort);
            System.out.println("unreachable artifact store: " + node.path("phase").asText() + " \""
                    + node.path("message").asText() + "\"");
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    static Predicate<JsonNode> label(String key, String value) {
        return o -> value.equals(o.path("metadata").path("labels").path(key).asText(null));
    }

    static JsonNode containerState(JsonNode pod, String container) {
        for (JsonNode c : pod.path("status").path("containerStatuses")) {
            if (c.path("name").asText().equals(container)) {
                return c.path("state");
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** A node by display name. */
    static Optional<JsonNode> findNode(JsonNode wf, String displayName) {
        for (JsonNode n : wf.path("status").path("nodes")) {
            if (n.path("displayName").asText().equals(displayName)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    static JsonNode node(JsonNode wf, String displayName) {
        return findNode(wf, displayName).orElseThrow(() -> new AssertionError("no node " + displayName + " in "
                + wf.path("status").path("nodes")));
    }

    /** Argo's v2 pod name of a pod node: {@code <workflow>-<template>-<id suffix>}. */
    static String podName(String workflow, JsonNode node) {
        String id = node.path("id").asText();
        return workflow + "-" + node.path("templateName").asText() + id.substring(id.lastIndexOf('-'));
    }
}
