package dev.skiff.executor.pod.build;

import static dev.skiff.executor.pod.build.PodAssertions.container;
import static dev.skiff.executor.pod.build.PodAssertions.env;
import static dev.skiff.executor.pod.build.PodAssertions.initContainer;
import static dev.skiff.executor.pod.build.PodAssertions.json;
import static dev.skiff.executor.pod.build.PodAssertions.meta;
import static dev.skiff.executor.pod.build.PodAssertions.mountPaths;
import static dev.skiff.executor.pod.build.PodAssertions.names;
import static dev.skiff.executor.pod.build.PodAssertions.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.executor.pod.TestingRequests;
import dev.skiff.executor.pod.json.GoJson;
import dev.skiff.executor.pod.json.JsonTree;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pod of a plain container template, field by field as Argo v4.1.2 builds it
 * ({@code workflow/controller/workflowpod.go}: podBuilder.build, newExecContainer, createEnvVars, createVolumes,
 * the emissary loop; {@code workflowpod_test.go}: TestVolumeAndVolumeMounts for the mount order).
 */
class PodBuilderTest {

    static final Instant NOW = Instant.parse("2026-12-08T10:00:00Z");
    static final String WHALESAY = """
            {"name": "whalesay", "container": {"image": "docker/whalesay:latest", "command": ["cowsay"],
             "args": ["hello world"]}}""";

    @Test
    void containerTemplateBuildsArgosPod() throws Exception {
        BuiltPod built = PodBuilder.build(TestingRequests.of(WHALESAY).build(), PodSettings.defaults(), NOW);

        Map<String, Object> pod = JsonTree.copyObject(built.pod());
        // ARGO_TEMPLATE is checked on its own below
        Map<String, Object> init = JsonTree.object(JsonTree.list(JsonTree.object(pod.get("spec")).get("initContainers")).get(0));
        JsonTree.list(init.get("env")).stream().map(JsonTree::object)
                .filter(e -> "ARGO_TEMPLATE".equals(e.get("name"))).forEach(e -> e.put("value", "<template>"));
        assertThat(JsonTree.toGson(pod)).isEqualTo(JsonTree.toGson(json("""
                {"apiVersion": "v1", "kind": "Pod",
                 "metadata": {"name": "hello-world", "namespace": "argo",
                   "labels": {"workflows.argoproj.io/workflow": "hello-world", "workflows.argoproj.io/completed": "false"},
                   "annotations": {"workflows.argoproj.io/node-name": "hello-world",
                     "workflows.argoproj.io/node-id": "hello-world", "kubectl.kubernetes.io/default-container": "main"},
                   "ownerReferences": [{"apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow", "name": "hello-world",
                     "uid": "4b8d54a0-7c4e-4f0a-9a59-2f0a6c8a9e11", "controller": true, "blockOwnerDeletion": true}]},
                 "spec": {
                   "restartPolicy": "Never",
                   "volumes": [{"name": "var-run-argo", "emptyDir": {}}, {"name": "tmp-dir-argo", "emptyDir": {}}],
                   "initContainers": [{"name": "init", "image": "quay.io/argoproj/argoexec:v4.1.2",
                     "command": ["argoexec", "init", "--loglevel", "info", "--log-format", "text", "--gloglevel", "0"],
                     "env": [
                       {"name": "ARGO_POD_NAME", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.name"}}},
                       {"name": "ARGO_POD_UID", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.uid"}}},
                       {"name": "ARGO_WORKFLOW_NAME", "value": "hello-world"},
                       {"name": "ARGO_WORKFLOW_UID", "value": "4b8d54a0-7c4e-4f0a-9a59-2f0a6c8a9e11"},
                       {"name": "ARGO_CONTAINER_NAME", "value": "init"},
                       {"name": "ARGO_TEMPLATE", "value": "<template>"},
                       {"name": "ARGO_NODE_ID", "value": "hello-world"},
                       {"name": "ARGO_INCLUDE_SCRIPT_OUTPUT", "value": "false"},
                       {"name": "ARGO_DEADLINE", "value": "0001-01-01T00:00:00Z"},
                       {"name": "ARGO_WORKFLOW_NAME", "value": "hello-world"},
                       {"name": "ARGO_PROGRESS_FILE", "value": "/var/run/argo/progress"},
                       {"name": "ARGO_PROGRESS_PATCH_TICK_DURATION", "value": "1m0s"},
                       {"name": "ARGO_PROGRESS_FILE_TICK_DURATION", "value": "3s"}],
                     "volumeMounts": [{"name": "var-run-argo", "mountPath": "/var/run/argo"}]}],
                   "containers": [
                     {"name": "wait", "image": "quay.io/argoproj/argoexec:v4.1.2",
                      "command": ["argoexec", "wait", "--loglevel", "info", "--log-format", "text", "--gloglevel", "0"],
                      "env": [
                       {"name": "ARGO_POD_NAME", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.name"}}},
                       {"name": "ARGO_POD_UID", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.uid"}}},
                       {"name": "ARGO_WORKFLOW_NAME", "value": "hello-world"},
                       {"name": "ARGO_WORKFLOW_UID", "value": "4b8d54a0-7c4e-4f0a-9a59-2f0a6c8a9e11"},
                       {"name": "ARGO_CONTAINER_NAME", "value": "wait"},
                       {"name": "ARGO_NODE_ID", "value": "hello-world"},
                       {"name": "ARGO_INCLUDE_SCRIPT_OUTPUT", "value": "false"},
                       {"name": "ARGO_DEADLINE", "value": "0001-01-01T00:00:00Z"},
                       {"name": "ARGO_WORKFLOW_NAME", "value": "hello-world"},
                       {"name": "ARGO_PROGRESS_FILE", "value": "/var/run/argo/progress"},
                       {"name": "ARGO_PROGRESS_PATCH_TICK_DURATION", "value": "1m0s"},
                       {"name": "ARGO_PROGRESS_FILE_TICK_DURATION", "value": "3s"}],
                      "volumeMounts": [{"name": "tmp-dir-argo", "mountPath": "/tmp", "subPath": "0"},
                                       {"name": "var-run-argo", "mountPath": "/var/run/argo"}]},
                     {"name": "main", "image": "docker/whalesay:latest",
                      "command": ["/var/run/argo/argoexec", "emissary", "--loglevel", "info", "--log-format", "text",
                                  "--gloglevel", "0", "--", "cowsay"],
                      "args": ["hello world"],
                      "env": [
                       {"name": "ARGO_CONTAINER_NAME", "value": "main"},
                       {"name": "ARGO_NODE_ID", "value": "hello-world"},
                       {"name": "ARGO_INCLUDE_SCRIPT_OUTPUT", "value": "false"},
                       {"name": "ARGO_DEADLINE", "value": "0001-01-01T00:00:00Z"},
                       {"name": "ARGO_WORKFLOW_NAME", "value": "hello-world"},
                       {"name": "ARGO_PROGRESS_FILE", "value": "/var/run/argo/progress"},
                       {"name": "ARGO_PROGRESS_PATCH_TICK_DURATION", "value": "1m0s"},
                       {"name": "ARGO_PROGRESS_FILE_TICK_DURATION", "value": "3s"}],
                      "volumeMounts": [{"name": "var-run-argo", "mountPath": "/var/run/argo"}]}]}}""")));
        assertThat(built.configMap()).isEmpty();
    }

    @Test
    void argoTemplateIsTheTemplateWithoutInputParametersOnInitOnly() throws Exception {
        BuiltPod built = PodBuilder.build(TestingRequests.of("""
                {"name": "print", "inputs": {"parameters": [{"name": "msg", "value": "hi"}]},
                 "container": {"image": "alpine", "command": ["echo", "hi"]},
                 "outputs": {"parameters": [{"name": "out", "valueFrom": {"path": "/tmp/out"}}]}}""").build(),
                PodSettings.defaults(), NOW);

        String template = env(initContainer(built, "init"), "ARGO_TEMPLATE").orElseThrow();
        assertThat(JsonTree.toGson(GoJson.read(template))).isEqualTo(JsonTree.toGson(json("""
                {"name": "print", "inputs": {}, "container": {"image": "alpine", "command": ["echo", "hi"]},
                 "outputs": {"parameters": [{"name": "out", "valueFrom": {"path": "/tmp/out"}}]}}""")));
        assertThat(env(container(built, "wait"), "ARGO_TEMPLATE")).isEmpty();
        assertThat(env(container(built, "main"), "ARGO_TEMPLATE")).isEmpty();
    }

    @Test
    void scriptTemplateStagesItsSourceAndAppendsThePath() throws Exception {
        BuiltPod built = PodBuilder.build(TestingRequests.of("""
                {"name": "gen", "script": {"image": "python:alpine3.6", "command": ["python"],
                 "source": "print(1)"}}""").build(), PodSettings.defaults(), NOW);

        Map<String, Object> main = container(built, "main");
        assertThat(JsonTree.list(main.get("command"))).endsWith("--", "python");
        assertThat(JsonTree.list(main.get("args"))).containsExactly("/argo/staging/script");
        assertThat(main).doesNotContainKey("source");
        assertThat(names(spec(built).get("volumes"))).containsExactly("var-run-argo", "tmp-dir-argo", "argo-staging");
        assertThat(mountPaths(initContainer(built, "init")))
                .containsExactly("argo-staging:/argo/staging", "var-run-argo:/var/run/argo");
        assertThat(mountPaths(main)).containsExactly("argo-staging:/argo/staging", "var-run-argo:/var/run/argo");
        // addOutputArtifactsVolumes mirrors main's mounts into wait, staging included
        assertThat(mountPaths(container(built, "wait"))).containsExactly("argo-staging:/mainctrfs/argo/staging",
                "tmp-dir-argo:/tmp", "var-run-argo:/var/run/argo");
    }

    @Test
    void scriptWithoutSourceRunsAsAContainer() throws Exception {
        BuiltPod built = PodBuilder.build(TestingRequests.of("""
                {"name": "s", "script": {"image": "alpine", "command": ["sh", "-c", "true"]}}""").build(),
                PodSettings.defaults(), NOW);

        assertThat(container(built, "main")).doesNotContainKey("args");
    }

    @Test
    void onlyReferencedWorkflowVolumesJoinTheTemplatesOwn() throws Exception {
        // TestVolumeAndVolumeMounts: var-run-argo, tmp-dir-argo, then the referenced volume; mounts mirrored to wait
        BuiltPod built = PodBuilder.build(TestingRequests.of("""
                {"name": "t", "volumes": [{"name": "own", "emptyDir": {}}],
                 "container": {"image": "docker/whalesay", "command": ["cowsay"],
                   "volumeMounts": [{"name": "volume-name", "mountPath": "/test"}]}}""")
                .workflowSpec("""
                        {"volumes": [{"name": "volume-name", "emptyDir": {}}, {"name": "unused", "configMap": {"name": "c"}}]}""")
                .build(), PodSettings.defaults(), NOW);

        assertThat(names(spec(built).get("volumes"))).containsExactly("var-run-argo", "tmp-dir-argo", "own", "volume-name");
        assertThat(mountPaths(initContainer(built, "init"))).containsExactly("var-run-argo:/var/run/argo");
        assertThat(mountPaths(container(built, "wait")))
                .containsExactly("volume-name:/mainctrfs/test", "tmp-dir-argo:/tmp", "var-run-argo:/var/run/argo");
        assertThat(mountPaths(container(built, "main"))).containsExactly("volume-name:/test", "var-run-argo:/var/run/argo");
    }

    @Test
    void aMountOfAnUnknownVolumeFailsWithArgosMessage() {
        assertThatThrownBy(() -> PodBuilder.build(TestingRequests.of("""
                {"name": "t", "container": {"image": "a", "command": ["x"],
                  "volumeMounts": [{"name": "nope", "mountPath": "/x"}]}}""").build(), PodSettings.defaults(), NOW))
                .isInstanceOf(PodBuildException.class)
                .hasMessage("volume 'nope' not found in workflow spec");
    }

    @Test
    void initContainersAndSidecarsMirrorMainsMountsWhenAsked() throws Exception {
        // TestInitContainers and TestSidecars
        BuiltPod built = PodBuilder.build(TestingRequests.of("""
                {"name": "t", "container": {"image": "a", "command": ["x"],
                   "volumeMounts": [{"name": "volume-name", "mountPath": "/test"}]},
                 "initContainers": [{"name": "init-foo", "image": "b", "command": ["y"], "mirrorVolumeMounts": true,
                   "volumeMounts": [{"name": "init-volume-name", "mountPath": "/init-test"}]}],
                 "sidecars": [{"name": "side-foo", "image": "c", "command": ["z"], "mirrorVolumeMounts": true,
                   "volumeMounts": [{"name": "sidecar-volume-name", "mountPath": "/sidecar-test"}]}]}""")
                .workflowSpec("""
                        {"volumes": [{"name": "volume-name", "emptyDir": {}}, {"name": "init-volume-name", "emptyDir": {}},
                                     {"name": "sidecar-volume-name", "emptyDir": {}}]}""")
                .build(), PodSettings.defaults(), NOW);

        assertThat(names(spec(built).get("initContainers"))).containsExactly("init", "init-foo");
        assertThat(names(spec(built).get("containers"))).containsExactly("wait", "main", "side-foo");
        Map<String, Object> initFoo = initContainer(built, "init-foo");
        assertThat(initFoo).doesNotContainKey("mirrorVolumeMounts");
        assertThat(mountPaths(initFoo)).containsExactly("init-volume-name:/init-test", "volume-name:/test",
                "var-run-argo:/var/run/argo");
        Map<String, Object> side = container(built, "side-foo");
        assertThat(mountPaths(side)).containsExactly("sidecar-volume-name:/sidecar-test", "volume-name:/test",
                "var-run-argo:/var/run/argo");
        // user sidecars run under the emissary too, and get the ARGO_* environment
        assertThat(JsonTree.list(side.get("command"))).startsWith("/var/run/argo/argoexec", "emissary");
        assertThat(env(side, "ARGO_CONTAINER_NAME")).contains("side-foo");
        assertThat(env(initFoo, "ARGO_TEMPLATE")).isPresent();
    }

    @Test
    void theDefaultContainerIsMainEvenWithSidecars() throws Exception {
        BuiltPod built = PodBuilder.build(TestingRequests.of("""
                {"name": "t", "container": {"image": "a", "command": ["x"]},
                 "sidecars": [{"name": "db", "image": "c", "command": ["z"]}]}""").build(), PodSettings.defaults(), NOW);

        assertThat(JsonTree.object(meta(built).get("annotations")))
                .containsEntry("kubectl.kubernetes.io/default-container", "main");
    }

    @Test
    void podGetsTheRequestsLabelsAndAnnotations() throws Exception {
        BuiltPod built = PodBuilder.build(TestingRequests.of(WHALESAY).label("workflows.argoproj.io/on-exit", "true")
                .build(), PodSettings.defaults(), NOW);

        assertThat(JsonTree.object(meta(built).get("labels"))).containsEntry("workflows.argoproj.io/on-exit", "true");
    }

    @Test
    void containersKeepTheirOrderAfterAPatch() throws Exception {
        BuiltPod built = PodBuilder.build(TestingRequests.of("""
                {"name": "t", "container": {"image": "a", "command": ["x"]},
                 "podSpecPatch": "{\\"containers\\":[{\\"name\\":\\"main\\",\\"resources\\":{\\"limits\\":{\\"cpu\\":\\"800m\\"}}}]}"}""")
                .build(), PodSettings.defaults(), NOW);

        assertThat(names(spec(built).get("containers"))).containsExactly("wait", "main");
        assertThat(JsonTree.at(container(built, "main"), "resources", "limits", "cpu")).isEqualTo("800m");
    }

    static List<Object> list(Object o) {
        return JsonTree.list(o);
    }
}
