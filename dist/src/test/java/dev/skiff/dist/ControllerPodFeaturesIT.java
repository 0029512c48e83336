package dev.skiff.dist;

import static dev.skiff.dist.ControllerPodsIT.node;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import dev.skiff.testbed.TestNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Template kinds and pod features beyond plain containers through {@code bin/skiff controller} with the real
 * {@code pod} executor, on the testbed's process kubelet running Argo's real argoexec: resource templates
 * ({@code argoexec resource}: create, patch, apply, delete with kubectl inside argoexec, success and failure
 * conditions, outputs from jsonPath and jqFilter, setOwnerReference), daemon steps ({@code {{tasks.X.ip}}}, stopped
 * when their DAG ends), and templates with init containers and sidecars (the sidecar stopped by argoexec once main
 * ends). The daemon, failure-condition and sidecar workflows end as Argo's own controller ended them on the same
 * testbed (statuses in {@code src/test/resources/argo-recorded/}). One controller serves the whole class.
 */
@Testbed
class ControllerPodFeaturesIT {

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
                    || l.contains("event=workflow.sync.error")))
                    .as("no stack traces in the controller's log:%n%s", log).isEmpty();
        }
    }

    @BeforeEach
    void prepare(TestbedCluster hub, TestNamespace ns) throws Exception {
        this.hub = hub;
        TestingControllerSetup.allowSteps(hub, ns.name());
        // What executor-rbac.yaml's comment tells users to add for resource templates: the objects they touch.
        Path role = Files.writeString(dir.resolve("configmaps-role.yaml"), """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: resource-steps}
                rules:
                - apiGroups: [""]
                  resources: [configmaps]
                  verbs: [get, list, watch, create, patch, update, delete]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: resource-steps-default}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: resource-steps}
                subjects: [{kind: ServiceAccount, name: default}]
                """);
        hub.kubectl("apply", "-n", ns.name(), "-f", role.toString());
        env = Map.of("KUBECONFIG", hub.kubeconfig().toString(), "HOME", dir.toString());
    }

    private static final String RESOURCES = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata:
              name: resources
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - name: create
                    template: create
                - - name: patch
                    template: patch
                    arguments:
                      parameters: [{name: cm, value: "{{steps.create.outputs.parameters.name}}"}]
                  - name: apply
                    template: apply
                - - name: delete
                    template: delete
                  - name: show
                    template: show
                    arguments:
                      parameters:
                      - {name: labels, value: "{{steps.create.outputs.parameters.labels}}"}
                      - {name: colour, value: "{{steps.patch.outputs.parameters.colour}}"}
              - name: create
                resource:
                  action: create
                  setOwnerReference: true
                  successCondition: data.ready == yes
                  manifest: |
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      generateName: made-
                      labels: {made-by: "{{workflow.name}}"}
                    data: {ready: "yes", colour: blue}
                outputs:
                  parameters:
                  - name: name
                    valueFrom: {jsonPath: "{.metadata.name}"}
                  - name: labels
                    valueFrom: {jqFilter: ".metadata.labels"}
              - name: patch
                inputs:
                  parameters: [{name: cm}]
                resource:
                  action: patch
                  mergeStrategy: merge
                  manifest: |
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: "{{inputs.parameters.cm}}"}
                    data: {colour: green}
                outputs:
                  parameters:
                  - name: colour
                    valueFrom: {jsonPath: "{.data.colour}"}
              - name: apply
                resource:
                  action: apply
                  manifest: |
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: scratch}
                    data: {x: "1"}
              - name: delete
                resource:
                  action: delete
                  manifest: |
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: scratch}
              - name: show
                inputs:
                  parameters: [{name: labels}, {name: colour}]
                container:
                  image: alpine
                  command: [echo, "{{inputs.parameters.labels}} {{inputs.parameters.colour}}"]
            """;

    @Test
    void resourceStepsCreatePatchApplyAndDeleteThroughArgoexecAndPassTheirOutputsOn(TestNamespace ns)
            throws Exception {
        Path file = Files.writeString(dir.resolve("resources.yaml"), RESOURCES);
        var submitted = TestingLauncher.run(env, "submit", file.toString(), "-n", ns.name(), "--wait", "-o", "json");

        assertThat(submitted.exitCode()).as(submitted.stderr()).isZero();
        JsonNode wf = TestingControllerSetup.read(submitted.stdout());
        assertThat(wf.path("status").path("phase").asText()).as(wf.toPrettyString()).isEqualTo("Succeeded");
        JsonNode create = node(wf, "create");
        assertThat(create.path("type").asText()).isEqualTo("Pod");
        String made = create.path("outputs").path("parameters").get(0).path("value").asText();
        assertThat(made).startsWith("made-");
        assertThat(create.path("outputs").path("parameters").get(1).path("value").asText())
                .isEqualTo("{\"made-by\":\"resources\"}");
        assertThat(node(wf, "patch").path("outputs").path("parameters").get(0).path("value").asText())
                .isEqualTo("green");
        assertThat(node(wf, "show").path("inputs").path("parameters").get(1).path("value").asText())
                .isEqualTo("green");

        // The created object is the workflow's (garbage-collected with it); the applied one was deleted again.
        JsonNode object = TestingControllerSetup.read(hub.kubectl("get", "configmap", made, "-n", ns.name(),
                "-o", "json"));
        assertThat(object.path("data").path("colour").asText()).isEqualTo("green");
        JsonNode owner = object.path("metadata").path("ownerReferences").get(0);
        assertThat(owner.path("kind").asText()).isEqualTo("Workflow");
        assertThat(owner.path("uid").asText()).isEqualTo(wf.path("metadata").path("uid").asText());
        assertThat(owner.path("controller").asBoolean()).isTrue();
        assertThat(hub.kubectl("get", "configmaps", "-n", ns.name(), "-o", "name")).doesNotContain("scratch");

        // Argo's resource pod: argoexec as main, no wait container.
        JsonNode pod = TestingControllerSetup.read(hub.kubectl("get", "pod", "-n", ns.name(),
                ControllerPodsIT.podName("resources", create), "-o", "json"));
        assertThat(pod.path("spec").path("containers")).extracting(c -> c.path("name").asText())
                .containsExactly("main");
        assertThat(pod.path("spec").path("containers").get(0).path("command").toString())
                .contains("\"argoexec\",\"resource\",\"create\"");
    }

    @Test
    void aResourceWhoseFailureConditionMatchesFailsItsStepWithArgoexecsMessage(TestNamespace ns) throws Exception {
        Path file = Files.writeString(dir.resolve("failing.yaml"), """
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata:
                  name: failing-resource
                spec:
                  entrypoint: main
                  templates:
                  - name: main
                    resource:
                      action: create
                      successCondition: data.state == good
                      failureCondition: data.state == bad
                      manifest: |
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {generateName: judged-}
                        data: {state: bad}
                """);
        var submitted = TestingLauncher.run(env, "submit", file.toString(), "-n", ns.name(), "--wait", "-o", "json");

        assertThat(submitted.exitCode()).as(submitted.stderr()).isEqualTo(1);
        JsonNode wf = TestingControllerSetup.read(submitted.stdout());
        assertMatchesArgo(wf, "failing");
        JsonNode main = node(wf, "failing-resource");
        assertThat(main.path("phase").asText()).isEqualTo("Failed");
        assertThat(main.path("message").asText()).contains("failure condition").contains("data.state");
        assertThat(wf.path("status").path("phase").asText()).isEqualTo("Failed");
    }

    @Test
    void aDaemonStepServesTheStepsAfterItAtItsIpAndIsStoppedWhenItsScopeEnds(TestNamespace ns) throws Exception {
        // The daemon serves HTTP on the pod's IP (the testbed's pods share the host's network: 127.0.0.1) at a port
        // of its own; the client retries until the server answers (it starts as soon as the daemon's pod is ready,
        // which may be before python binds the port), at most 200 times.
        int port = 20000 + (int) (ProcessHandle.current().pid() % 20000);
        Path file = Files.writeString(dir.resolve("daemon.yaml"), """
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata:
                  name: daemons
                spec:
                  entrypoint: main
                  templates:
                  - name: main
                    dag:
                      tasks:
                      - {name: server, template: server}
                      - name: client
                        depends: server.Daemoned
                        template: client
                        arguments:
                          parameters: [{name: ip, value: "{{tasks.server.ip}}"}]
                  - name: server
                    daemon: true
                    script:
                      image: python:3
                      command: [sh]
                      source: |
                        mkdir -p /tmp/www && echo served-by-daemon > /tmp/www/index.html
                        exec python3 -m http.server %1$d --bind 127.0.0.1 --directory /tmp/www
                  - name: client
                    inputs:
                      parameters: [{name: ip}]
                    script:
                      image: python:3
                      command: [python3]
                      source: |
                        import time, urllib.request
                        for attempt in range(200):
                            try:
                                print(urllib.request.urlopen("http://{{inputs.parameters.ip}}:%1$d/").read().decode().strip())
                                break
                            except OSError:
                                time.sleep(0.05)
                        else:
                            raise SystemExit("the daemon never answered")
                """.formatted(port));
        try (TestingKubeWatch pods = TestingKubeWatch.pods(hub.apiClient(), ns.name())) {
            var submitted = TestingLauncher.run(env, "submit", file.toString(), "-n", ns.name(), "--wait", "-o",
                    "json");

            assertThat(submitted.exitCode()).as(submitted.stderr()).isZero();
            JsonNode wf = TestingControllerSetup.read(submitted.stdout());
            assertThat(wf.path("status").path("phase").asText()).as(wf.toPrettyString()).isEqualTo("Succeeded");
            assertMatchesArgo(wf, "daemon");
            checkDaemon(wf, ns, pods);
        }
    }

    /** The status matches what Argo's own controller wrote for the same workflow (see argo-recorded/README.md). */
    private void assertMatchesArgo(JsonNode wf, String recorded) throws Exception {
        // read from the source tree: dist is a pom module, its test resources are not copied
        Path expected = Path.of("src/test/resources/argo-recorded/pod-features-" + recorded + ".json");
        var comparison = TestingControllerSetup.compare(wf, expected, dir);
        assertThat(comparison.exitCode()).as(comparison.output()).isZero();
    }

    private void checkDaemon(JsonNode wf, TestNamespace ns, TestingKubeWatch pods) throws Exception {
        JsonNode server = node(wf, "server");
        assertThat(server.path("phase").asText()).isEqualTo("Succeeded");
        assertThat(server.path("podIP").asText()).isEqualTo("127.0.0.1");
        assertThat(server.has("daemoned")).as("no longer daemoned once its DAG ended").isFalse();
        assertThat(node(wf, "client").path("inputs").path("parameters").get(0).path("value").asText())
                .isEqualTo("127.0.0.1");
        var logs = TestingLauncher.run(env, "logs", "daemons", "-n", ns.name());
        assertThat(logs.stdout()).contains("served-by-daemon");

        // The daemon's pod is stopped once the DAG ended (the server would otherwise run for ever).
        String podName = ControllerPodsIT.podName("daemons", server);
        String phase = pods.await("the daemon's pod to end", ControllerPodsIT.WAIT, w -> w.get(podName)
                .map(p -> p.path("status").path("phase").asText()).filter(p -> p.equals("Failed")
                        || p.equals("Succeeded")));
        assertThat(phase).isEqualTo("Failed");
    }

    @Test
    void initContainersRunFirstAndSidecarsAreStoppedOnceMainEnds(TestNamespace ns) throws Exception {
        Path file = Files.writeString(dir.resolve("sidecars.yaml"), """
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata:
                  name: with-sidecar
                spec:
                  entrypoint: main
                  templates:
                  - name: main
                    volumes: [{name: shared, emptyDir: {}}]
                    initContainers:
                    - name: prepare
                      image: alpine
                      command: [sh, -c, "echo prepared-by-init > /shared/greeting"]
                      volumeMounts: [{name: shared, mountPath: /shared}]
                    sidecars:
                    - name: server
                      image: alpine
                      command: [sleep, "999"]
                    container:
                      image: alpine
                      command: [cat, /shared/greeting]
                      volumeMounts: [{name: shared, mountPath: /shared}]
                """);
        var submitted = TestingLauncher.run(env, "submit", file.toString(), "-n", ns.name(), "--wait", "-o", "json");

        assertThat(submitted.exitCode()).as(submitted.stderr()).isZero();
        JsonNode wf = TestingControllerSetup.read(submitted.stdout());
        assertMatchesArgo(wf, "sidecars");
        JsonNode main = node(wf, "with-sidecar");
        assertThat(main.path("phase").asText()).as(wf.toPrettyString()).isEqualTo("Succeeded");
        var logs = TestingLauncher.run(env, "logs", "with-sidecar", "-n", ns.name());
        assertThat(logs.stdout()).contains("prepared-by-init");

        JsonNode pods = TestingControllerSetup.read(hub.kubectl("get", "pods", "-n", ns.name(), "-l",
                "workflows.argoproj.io/workflow=with-sidecar", "-o", "json"));
        assertThat(pods.path("items")).hasSize(1);
        JsonNode pod = pods.path("items").get(0);
        JsonNode server = null;
        for (JsonNode c : pod.path("status").path("containerStatuses")) {
            if (c.path("name").asText().equals("server")) {
                server = c;
            }
        }
        assertThat(server).as("the sidecar's status").isNotNull();
        // The sleep would run 999 s: argoexec's wait container had it signalled once main ended.
        assertThat(server.path("state").path("terminated").path("exitCode").asInt()).isIn(137, 143);
    }
}
