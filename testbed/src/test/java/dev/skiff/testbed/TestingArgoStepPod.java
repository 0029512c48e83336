package dev.skiff.testbed;

import com.google.gson.Gson;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1EmptyDirVolumeSource;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1EnvVarSource;
import io.kubernetes.client.openapi.models.V1ObjectFieldSelector;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1OwnerReference;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pod shaped as Argo's workflow controller (v4) builds it for a container template whose main
 * container runs {@code sh -c script}, written by hand after Argo's
 * {@code workflow/controller/workflowpod.go}: an {@code init} and a {@code wait} container of the
 * executor image running {@code argoexec init} / {@code argoexec wait}, {@code main} wrapped by
 * {@code /var/run/argo/argoexec emissary}, the {@code var-run-argo} and {@code tmp-dir-argo}
 * emptyDirs, the {@code ARGO_*} environment ({@code ARGO_TEMPLATE} on init only), Argo's labels,
 * annotations and the Workflow as controller owner.
 */
final class TestingArgoStepPod {
    private final String executorImage;
    private final String workflow;
    private final String workflowUid;
    private final String nodeId;
    private final String script;
    private final Map<String, String> outputParameters = new LinkedHashMap<>();
    private final Map<String, String> annotations = new LinkedHashMap<>();
    private Long activeDeadlineSeconds;
    private boolean includeScriptOutput;

    TestingArgoStepPod(String executorImage, String workflow, String workflowUid, String nodeId, String script) {
        this.executorImage = executorImage;
        this.workflow = workflow;
        this.workflowUid = workflowUid;
        this.nodeId = nodeId;
        this.script = script;
    }

    /** Declares an output parameter read from a file (valueFrom.path). */
    TestingArgoStepPod outputParameter(String name, String path) {
        outputParameters.put(name, path);
        return this;
    }

    /** Makes the wait container report main's stdout as {@code outputs.result}. */
    TestingArgoStepPod includeScriptOutput() {
        includeScriptOutput = true;
        return this;
    }

    TestingArgoStepPod activeDeadlineSeconds(long seconds) {
        activeDeadlineSeconds = seconds;
        return this;
    }

    TestingArgoStepPod annotation(String key, String value) {
        annotations.put(key, value);
        return this;
    }

    /** The template as Argo passes it in ARGO_TEMPLATE (inputs cleared). */
    String templateJson() {
        List<Map<String, Object>> parameters = new ArrayList<>();
        outputParameters.forEach((name, path) -> parameters.add(Map.of("name", name, "valueFrom", Map.of("path", path))));
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("name", "step");
        template.put("inputs", Map.of());
        template.put("outputs", parameters.isEmpty() ? Map.of() : Map.of("parameters", parameters));
        template.put("metadata", Map.of());
        template.put("container", Map.of("name", "", "image", "debian:stable-slim", "command", List.of("sh", "-c"),
                "args", List.of(script), "resources", Map.of()));
        return new Gson().toJson(template);
    }

    V1Pod build() {
        Map<String, String> podAnnotations = new LinkedHashMap<>();
        podAnnotations.put("workflows.argoproj.io/node-name", workflow);
        podAnnotations.put("workflows.argoproj.io/node-id", nodeId);
        podAnnotations.put("kubectl.kubernetes.io/default-container", "main");
        podAnnotations.putAll(annotations);
        V1VolumeMount varRunArgo = new V1VolumeMount().name("var-run-argo").mountPath("/var/run/argo");
        V1Container init = new V1Container().name("init").image(executorImage)
                .command(List.of("argoexec", "init", "--loglevel", "info", "--log-format", "text"))
                .env(concat(executorEnv(), List.of(env("ARGO_CONTAINER_NAME", "init"), env("ARGO_TEMPLATE", templateJson())),
                        stepEnv()))
                .volumeMounts(List.of(varRunArgo));
        V1Container wait = new V1Container().name("wait").image(executorImage)
                .command(List.of("argoexec", "wait", "--loglevel", "info", "--log-format", "text"))
                .env(concat(executorEnv(), List.of(env("ARGO_CONTAINER_NAME", "wait")), stepEnv()))
                .volumeMounts(List.of(new V1VolumeMount().name("tmp-dir-argo").mountPath("/tmp").subPath("0"), varRunArgo));
        V1Container main = new V1Container().name("main").image("debian:stable-slim")
                .command(List.of("/var/run/argo/argoexec", "emissary", "--loglevel", "info", "--log-format", "text",
                        "--", "sh", "-c"))
                .args(List.of(script))
                .env(concat(List.of(env("ARGO_CONTAINER_NAME", "main")), stepEnv()))
                .volumeMounts(List.of(varRunArgo));
        return new V1Pod()
                .metadata(new V1ObjectMeta().name(nodeId)
                        .labels(Map.of(ProcessKubelet.WORKFLOW_LABEL, workflow, "workflows.argoproj.io/completed", "false"))
                        .annotations(podAnnotations)
                        .ownerReferences(List.of(new V1OwnerReference().apiVersion("argoproj.io/v1alpha1").kind("Workflow")
                                .name(workflow).uid(workflowUid).controller(true).blockOwnerDeletion(true))))
                .spec(new V1PodSpec()
                        .overhead(null)
                        .restartPolicy("Never")
                        .serviceAccountName(TestingArgoNamespace.EXECUTOR_SERVICE_ACCOUNT)
                        .activeDeadlineSeconds(activeDeadlineSeconds)
                        .volumes(List.of(new V1Volume().name("var-run-argo").emptyDir(new V1EmptyDirVolumeSource()),
                                new V1Volume().name("tmp-dir-argo").emptyDir(new V1EmptyDirVolumeSource())))
                        .initContainers(List.of(init))
                        .containers(List.of(wait, main)));
    }

    /** What the controller gives the executor containers (createEnvVars). */
    private List<V1EnvVar> executorEnv() {
        return List.of(fieldRef("ARGO_POD_NAME", "metadata.name"), fieldRef("ARGO_POD_UID", "metadata.uid"),
                env("ARGO_WORKFLOW_NAME", workflow), env("ARGO_WORKFLOW_UID", workflowUid));
    }

    /** What every container gets (node id, script output, deadline). */
    private List<V1EnvVar> stepEnv() {
        return List.of(env("ARGO_NODE_ID", nodeId), env("ARGO_INCLUDE_SCRIPT_OUTPUT", String.valueOf(includeScriptOutput)),
                env("ARGO_DEADLINE", "0001-01-01T00:00:00Z"));
    }

    private static V1EnvVar env(String name, String value) {
        return new V1EnvVar().name(name).value(value);
    }

    private static V1EnvVar fieldRef(String name, String path) {
        return new V1EnvVar().name(name).valueFrom(new V1EnvVarSource()
                .fieldRef(new V1ObjectFieldSelector().apiVersion("v1").fieldPath(path)));
    }

    @SafeVarargs
    private static List<V1EnvVar> concat(List<V1EnvVar>... lists) {
        List<V1EnvVar> all = new ArrayList<>();
        for (List<V1EnvVar> list : lists) {
            all.addAll(list);
        }
        return all;
    }
}
