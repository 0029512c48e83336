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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pods of resource and data templates as Argo v4.1.2 builds them: argoexec is main (executeResource:
 * {@code argoexec resource <action>}, executeData: {@code argoexec data <json>}), wrapped by the emissary like any
 * main; no wait container unless a resource template archives its logs (build's needsAuxCtr); resource pods locked
 * down with MinimalCtrSC (newExecContainer).
 */
class PodResourceTest {

    static final String CREATE = """
            {"name": "make-cm", "resource": {"action": "create", "successCondition": "data.ready == yes",
             "manifest": "apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  generateName: x-\\n"},
             "outputs": {"parameters": [{"name": "n", "valueFrom": {"jsonPath": "{.metadata.name}"}}]}}""";

    @Test
    void resourceTemplateRunsArgoexecResourceAsMainWithoutWaitContainer() throws Exception {
        BuiltPod pod = PodBuilder.build(TestingRequests.of(CREATE).build(), PodSettings.defaults(),
                PodBuilderTest.NOW);

        assertThat(names(spec(pod).get("containers"))).containsExactly("main");
        assertThat(names(spec(pod).get("initContainers"))).containsExactly("init");
        Map<String, Object> main = container(pod, "main");
        assertThat(main.get("image")).isEqualTo(PodSettings.DEFAULT_EXECUTOR_IMAGE);
        assertThat(main.get("command")).isEqualTo(List.of("/var/run/argo/argoexec", "emissary", "--loglevel", "info",
                "--log-format", "text", "--gloglevel", "0", "--", "argoexec", "resource", "create", "--loglevel",
                "info", "--log-format", "text", "--gloglevel", "0"));
        // Main is the executor image: the pod's /tmp (sub-path = its index, 0) holds argoexec's manifest file.
        assertThat(mountPaths(main)).containsExactly("tmp-dir-argo:/tmp", "var-run-argo:/var/run/argo");
        assertThat(JsonTree.object(JsonTree.list(main.get("volumeMounts")).get(0)).get("subPath")).isEqualTo("0");
        assertThat(env(main, "ARGO_POD_NAME")).isPresent();
        assertThat(env(main, "ARGO_WORKFLOW_UID")).contains("4b8d54a0-7c4e-4f0a-9a59-2f0a6c8a9e11");
        assertThat(env(main, "ARGO_CONTAINER_NAME")).contains("main");
        assertThat(env(main, "ARGO_INCLUDE_SCRIPT_OUTPUT")).contains("false");
        assertThat(meta(pod).get("annotations")).isEqualTo(Map.of("workflows.argoproj.io/node-name", "hello-world",
                "workflows.argoproj.io/node-id", "hello-world", "kubectl.kubernetes.io/default-container", "main"));
        // The manifest reaches argoexec in ARGO_TEMPLATE, which init writes for main.
        Map<String, Object> template = JsonTree.object(GoJson.read(env(initContainer(pod, "init"), "ARGO_TEMPLATE")
                .orElseThrow()));
        assertThat(JsonTree.at(template, "resource", "manifest")).isEqualTo(
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: x-\n");
    }

    @Test
    void resourceContainersGetArgosMinimalSecurityContextWithReadOnlyRootForMainOnly() throws Exception {
        BuiltPod pod = PodBuilder.build(TestingRequests.of(CREATE).build(), PodSettings.defaults(),
                PodBuilderTest.NOW);

        Object minimal = json("""
                {"capabilities": {"drop": ["ALL"]}, "privileged": false, "runAsUser": 8737, "runAsNonRoot": true,
                 "allowPrivilegeEscalation": false, "seccompProfile": {"type": "RuntimeDefault"}}""");
        assertThat(JsonTree.toGson(initContainer(pod, "init").get("securityContext")))
                .isEqualTo(JsonTree.toGson(minimal));
        Map<String, Object> readOnly = JsonTree.copyObject(minimal);
        readOnly.put("readOnlyRootFilesystem", true);
        assertThat(JsonTree.toGson(container(pod, "main").get("securityContext")))
                .isEqualTo(JsonTree.toGson(readOnly));
    }

    @Test
    void resourceTemplateThatArchivesLogsKeepsTheWaitContainer() throws Exception {
        String archived = """
                {"name": "del", "resource": {"action": "delete", "manifest": "kind: ConfigMap"},
                 "archiveLocation": {"archiveLogs": true, "s3": {"endpoint": "s3:9000", "bucket": "b", "key": "k",
                   "accessKeySecret": {"name": "s3-creds", "key": "a"}}}}""";
        BuiltPod pod = PodBuilder.build(TestingRequests.of(archived).build(), PodSettings.defaults(),
                PodBuilderTest.NOW);

        assertThat(names(spec(pod).get("containers"))).containsExactly("wait", "main");
        assertThat(container(pod, "wait").get("securityContext")).isNotNull();
        assertThat(mountPaths(container(pod, "wait"))).contains("s3-creds:/argo/secret/s3-creds");
        assertThat(JsonTree.list(container(pod, "main").get("command"))).containsSequence("argoexec", "resource",
                "delete");
    }

    @Test
    void containerPodsKeepNoSecurityContextOfTheirOwn() throws Exception {
        BuiltPod pod = PodBuilder.build(TestingRequests.of(PodBuilderTest.WHALESAY).build(), PodSettings.defaults(),
                PodBuilderTest.NOW);

        assertThat(container(pod, "wait")).doesNotContainKey("securityContext");
        assertThat(initContainer(pod, "init")).doesNotContainKey("securityContext");
    }

    @Test
    void resourceWithoutActionIsRefused() {
        assertThatThrownBy(() -> PodBuilder.build(TestingRequests.of("""
                {"name": "x", "resource": {"manifest": "kind: ConfigMap"}}""").build(), PodSettings.defaults(),
                PodBuilderTest.NOW)).isInstanceOf(PodBuildException.class).hasMessageContaining("resource.action");
    }

    @Test
    void dataTemplateRunsArgoexecDataWithTheTemplatesDataAsJsonAndNoWaitContainer() throws Exception {
        String data = """
                {"name": "filter", "data": {"source": {"artifactPaths": {"name": "in", "s3": {"bucket": "b",
                  "key": "k", "secretKeySecret": {"name": "keys", "key": "s"}}}},
                  "transformation": [{"expression": "filter(data, {# endsWith '.pdf'})"}]}}""";
        BuiltPod pod = PodBuilder.build(TestingRequests.of(data).includeResult().build(), PodSettings.defaults(),
                PodBuilderTest.NOW);

        assertThat(names(spec(pod).get("containers"))).containsExactly("main");
        Map<String, Object> main = container(pod, "main");
        List<Object> command = JsonTree.list(main.get("command"));
        assertThat(command.subList(9, 11)).containsExactly("argoexec", "data");
        assertThat(JsonTree.toGson(GoJson.read(String.valueOf(command.get(11)))))
                .isEqualTo(JsonTree.toGson(JsonTree.object(GoJson.read(data)).get("data")));
        assertThat(main).doesNotContainKey("securityContext");
        // argoexec reads the data source in main, so the source's secret is mounted there too.
        assertThat(mountPaths(main)).contains("keys:/argo/secret/keys");
        assertThat(mountPaths(initContainer(pod, "init"))).contains("keys:/argo/secret/keys");
    }

    @Test
    void containerSetHttpAndPluginTemplatesAreStillRefused() {
        for (String kind : List.of("containerSet", "http", "plugin")) {
            assertThatThrownBy(() -> PodBuilder.build(TestingRequests.of("{\"name\": \"x\", \"" + kind
                    + "\": {}}").build(), PodSettings.defaults(), PodBuilderTest.NOW))
                    .isInstanceOf(PodBuildException.class)
                    .hasMessageStartingWith(kind + " templates are not supported by Skiff's pod executor yet");
        }
    }
}
