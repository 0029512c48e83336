package dev.skiff.executor.pod.build;

import static dev.skiff.executor.pod.build.PodAssertions.container;
import static dev.skiff.executor.pod.build.PodAssertions.env;
import static dev.skiff.executor.pod.build.PodAssertions.initContainer;
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
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Main's command, podSpecPatch and offloading (workflowpod.go's emissary loop and offload block,
 * util.ApplyPodSpecPatch; workflowpod_test.go Test_createWorkflowPod_emissary, TestPodSpecPatch,
 * TestContainerArgsOffloading).
 */
class PodCommandTest {

    static final PodSettings WITH_INDEX = new PodSettings(PodSettings.DEFAULT_EXECUTOR_IMAGE, Optional.empty(), "",
            ImageIndex.parse("""
                    argoproj/argosay:v2:
                      cmd: [/argosay]
                    my/tool:1:
                      entrypoint: [/bin/tool]
                      cmd: [--help]
                    """));

    @Test
    void withoutCommandTheIndexGivesEntrypointAndCmd() throws Exception {
        BuiltPod built = PodBuilder.build(TestingRequests.of("""
                {"name": "t", "container": {"image": "my/tool:1"}}""").build(), WITH_INDEX, PodBuilderTest.NOW);

        Map<String, Object> main = container(built, "main");
        assertThat(JsonTree.list(main.get("command"))).containsExactly("/var/run/argo/argoexec", "emissary",
                "--loglevel", "info", "--log-format", "text", "--gloglevel", "0", "--", "/bin/tool");
        assertThat(JsonTree.list(main.get("args"))).containsExactly("--help");
    }

    @Test
    void givenArgsAreKeptWhenTheCommandComesFromTheIndex() throws Exception {
        BuiltPod built = PodBuilder.build(TestingRequests.of("""
                {"name": "t", "container": {"image": "argoproj/argosay:v2", "args": ["echo", "hi"]}}""").build(),
                WITH_INDEX, PodBuilderTest.NOW);

        Map<String, Object> main = container(built, "main");
        assertThat(JsonTree.list(main.get("command"))).endsWith("--");
        assertThat(JsonTree.list(main.get("args"))).containsExactly("echo", "hi");
    }

    @Test
    void anImageWithoutCommandOutsideTheIndexFailsWithArgosMessage() {
        assertThatThrownBy(() -> PodBuilder.build(TestingRequests.of("""
                {"name": "t", "container": {"image": "docker/whalesay:nope"}}""").build(), PodSettings.defaults(),
                PodBuilderTest.NOW))
                .hasMessageStartingWith("failed to look-up entrypoint/cmd for image \"docker/whalesay:nope\", you must"
                        + " either explicitly specify the command, or list the image's command in the index")
                .hasMessageContaining("'images' setting");
    }

    @Test
    void workflowPatchThenTemplatePatchApply() throws Exception {
        // TestPodSpecPatch (helloWorldWfWithTmplAndWFPatch): the request carries both, the workflow's first
        Map<String, Object> template = JsonTree.copyObject(GoJson.read(PodBuilderTest.WHALESAY));
        var request = TestingRequests.of(GoJson.write(template)).build();
        Map<String, Object> podSpec = JsonTree.copyObject(request.podSpec());
        podSpec.put("podSpecPatch", List.of("""
                containers:
                  - name: main
                    securityContext:
                      runAsNonRoot: true
                      capabilities:
                        drop:
                          - ALL
                """, "{\"containers\":[{\"name\":\"main\", \"securityContext\":{\"capabilities\":{\"add\":[\"ALL\"],\"drop\":null}}}]}"));
        request = new dev.skiff.spi.executor.StepRequest(request.ref(), request.workflowName(),
                request.workflowNamespace(), request.nodeId(), request.nodeName(), request.templateName(),
                request.command(), request.outputFiles(), request.deadline(), request.labels(), request.annotations(),
                podSpec, request.inputArtifacts(), request.outputArtifacts(), request.workflowUid(),
                request.template(), request.includeScriptOutput(), request.workflowDeadline(),
                request.workflowCluster());

        BuiltPod built = PodBuilder.build(request, PodSettings.defaults(), PodBuilderTest.NOW);

        Map<String, Object> sc = JsonTree.object(container(built, "main").get("securityContext"));
        assertThat(sc).containsEntry("runAsNonRoot", true);
        assertThat(JsonTree.at(sc, "capabilities", "add")).isEqualTo(List.of("ALL"));
        assertThat(JsonTree.object(sc.get("capabilities"))).doesNotContainKey("drop");
    }

    @Test
    void anInvalidJsonPatchFailsWithArgosPrefix() {
        assertThatThrownBy(() -> PodBuilder.build(TestingRequests.of("""
                {"name": "t", "podSpecPatch": "{\\"containers\\"}", "container": {"image": "a", "command": ["x"]}}""")
                .build(), PodSettings.defaults(), PodBuilderTest.NOW))
                .isInstanceOf(PodBuildException.class)
                .hasMessageStartingWith("Error applying PodSpecPatch");
    }

    @Test
    void thePatchComesBeforeTheEmissaryWrapping() throws Exception {
        BuiltPod built = PodBuilder.build(TestingRequests.of("""
                {"name": "t", "container": {"image": "a", "command": ["x"]},
                 "podSpecPatch": "containers:\\n- name: main\\n  command: [y]\\n"}""").build(), PodSettings.defaults(),
                PodBuilderTest.NOW);

        assertThat(JsonTree.list(container(built, "main").get("command"))).endsWith("--", "y");
    }

    @Test
    void anOversizedTemplateIsOffloadedToAConfigMapNamedLikeThePod() throws Exception {
        String big = "x".repeat(140_000);
        BuiltPod built = PodBuilder.build(TestingRequests.of("""
                {"name": "t", "container": {"image": "a", "command": ["echo"], "env": [{"name": "BIG", "value": "%s"}]}}"""
                .formatted(big)).build(), PodSettings.defaults(), PodBuilderTest.NOW);

        Map<String, Object> configMap = built.configMap().orElseThrow();
        assertThat(JsonTree.at(configMap, "metadata", "name")).isEqualTo("hello-world");
        assertThat(JsonTree.at(configMap, "metadata", "labels")).isEqualTo(Map.of("workflows.argoproj.io/workflow", "hello-world"));
        assertThat(JsonTree.list(JsonTree.at(configMap, "metadata", "ownerReferences"))).hasSize(1);
        assertThat(JsonTree.text(JsonTree.at(configMap, "data", "ARGO_TEMPLATE"))).contains(big);
        Map<String, Object> init = initContainer(built, "init");
        assertThat(env(init, "ARGO_TEMPLATE")).contains("offloaded");
        assertThat(mountPaths(init)).endsWith("argo-env-config:/argo/config");
        assertThat(names(spec(built).get("volumes"))).endsWith("argo-env-config");
        // main still has its own env value (only ARGO_TEMPLATE moves)
        assertThat(env(container(built, "main"), "BIG")).contains(big);
    }

    @Test
    void oversizedArgsMoveToAFileNamedByAnEnvironmentVariable() throws Exception {
        String big = "x".repeat(140_000);
        BuiltPod built = PodBuilder.build(TestingRequests.of("""
                {"name": "t", "container": {"image": "alpine:latest", "command": ["/bin/sh"],
                  "args": ["--flag", "%s", "--other"]}}""".formatted(big)).build(), PodSettings.defaults(),
                PodBuilderTest.NOW);

        Map<String, Object> main = container(built, "main");
        assertThat(main).doesNotContainKey("args");
        assertThat(env(main, "ARGO_CONTAINER_ARGS_FILE")).contains("/argo/config/ARGO_CONTAINER_ARGS_FILE");
        assertThat(mountPaths(main)).contains("argo-env-config:/argo/config");
        Object args = GoJson.read(JsonTree.text(JsonTree.at(built.configMap().orElseThrow(), "data",
                "ARGO_CONTAINER_ARGS_FILE")));
        assertThat(JsonTree.list(args)).containsExactly("--flag", big, "--other");
    }

    @Test
    void aSmallPodNeedsNoConfigMap() throws Exception {
        assertThat(PodBuilder.build(TestingRequests.of(PodBuilderTest.WHALESAY).build(), PodSettings.defaults(),
                PodBuilderTest.NOW).configMap()).isEmpty();
    }
}
