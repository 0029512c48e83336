package dev.skiff.executor.pod;

import dev.skiff.executor.pod.json.GoJson;
import dev.skiff.executor.pod.json.JsonTree;
import dev.skiff.spi.executor.StepCommand;
import dev.skiff.spi.executor.StepRef;
import dev.skiff.spi.executor.StepRequest;
import dev.skiff.spi.executor.StepTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Step requests shaped as the engine's PodLauncher shapes them: the pod fields are the template minus the
 * engine's fields plus the workflow's pod fields; the executor template drops input parameters.
 */
public final class TestingRequests {

    private static final Set<String> ENGINE_FIELDS = Set.of("name", "inputs", "outputs", "steps", "dag", "suspend",
            "retryStrategy", "parallelism", "failFast", "memoize", "synchronization", "metrics", "timeout",
            "pendingTimeout", "daemon", "archiveLocation", "executor", "cluster", "namespace");
    private static final List<String> WORKFLOW_POD_FIELDS = List.of("nodeSelector", "affinity", "tolerations",
            "securityContext", "serviceAccountName", "automountServiceAccountToken", "imagePullSecrets",
            "hostAliases", "dnsConfig", "dnsPolicy", "priorityClassName", "schedulerName", "podMetadata",
            "hostNetwork", "podSpecPatch");

    private String workflow = "hello-world";
    private String namespace = "argo";
    private String uid = "4b8d54a0-7c4e-4f0a-9a59-2f0a6c8a9e11";
    private String nodeName = "hello-world";
    private String nodeId = "hello-world";
    private String podName = "hello-world";
    private StepTarget target = new StepTarget("hub", "argo");
    private String workflowCluster = "hub";
    private Map<String, Object> template;
    private Map<String, Object> workflowSpec = Map.of();
    private Map<String, String> labels = new LinkedHashMap<>();
    private Optional<Duration> deadline = Optional.empty();
    private Optional<Instant> workflowDeadline = Optional.empty();
    private boolean includeResult;

    private TestingRequests(String templateJson) {
        this.template = JsonTree.copyObject(GoJson.read(templateJson));
    }

    /** A request for the template (JSON), as the root node of workflow hello-world in argo. */
    public static TestingRequests of(String templateJson) {
        return new TestingRequests(templateJson);
    }

    public TestingRequests workflowSpec(String json) {
        this.workflowSpec = JsonTree.copyObject(GoJson.read(json));
        return this;
    }

    public TestingRequests node(String name, String id, String pod) {
        this.nodeName = name;
        this.nodeId = id;
        this.podName = pod;
        return this;
    }

    public TestingRequests workflow(String name, String uid) {
        this.workflow = name;
        this.uid = uid;
        return this;
    }

    public TestingRequests target(String cluster, String ns) {
        this.target = new StepTarget(cluster, ns);
        return this;
    }

    public TestingRequests workflowPlace(String cluster, String ns) {
        this.workflowCluster = cluster;
        this.namespace = ns;
        return this;
    }

    public TestingRequests label(String key, String value) {
        labels.put(key, value);
        return this;
    }

    public TestingRequests deadline(Duration d) {
        this.deadline = Optional.of(d);
        return this;
    }

    public TestingRequests workflowDeadline(Instant at) {
        this.workflowDeadline = Optional.of(at);
        return this;
    }

    public TestingRequests includeResult() {
        this.includeResult = true;
        return this;
    }

    public StepRequest build() {
        Map<String, Object> podSpec = JsonTree.copyObject(template);
        ENGINE_FIELDS.forEach(podSpec::remove);
        for (String field : WORKFLOW_POD_FIELDS) {
            if (!podSpec.containsKey(field) && workflowSpec.containsKey(field)) {
                podSpec.put(field, JsonTree.copy(workflowSpec.get(field)));
            }
        }
        if (workflowSpec.get("volumes") instanceof List<?> wfVolumes) {
            List<Object> volumes = JsonTree.copyList(wfVolumes);
            volumes.addAll(JsonTree.copyList(template.get("volumes")));
            podSpec.put("volumes", volumes);
        }
        Map<String, Object> executorTemplate = JsonTree.copyObject(template);
        Map<String, Object> inputs = JsonTree.object(executorTemplate.get("inputs"));
        if (!inputs.isEmpty()) {
            Map<String, Object> kept = new LinkedHashMap<>();
            if (inputs.containsKey("artifacts")) {
                kept.put("artifacts", inputs.get("artifacts"));
            }
            executorTemplate.put("inputs", kept);
        }
        Map<String, String> allLabels = new LinkedHashMap<>();
        allLabels.put("workflows.argoproj.io/workflow", workflow);
        allLabels.put("workflows.argoproj.io/completed", "false");
        allLabels.putAll(labels);
        Map<String, Object> container = JsonTree.object(template.containsKey("script") ? template.get("script")
                : template.get("container"));
        StepCommand command = new StepCommand(JsonTree.text(container.get("image")),
                JsonTree.list(container.get("command")).stream().map(String::valueOf).toList(),
                JsonTree.list(container.get("args")).stream().map(String::valueOf).toList(), Map.of(),
                Optional.empty(), Optional.empty());
        return new StepRequest(new StepRef(podName, target), workflow, namespace, nodeId, nodeName,
                JsonTree.text(template.get("name")), command, List.of(), deadline, allLabels,
                Map.of("workflows.argoproj.io/node-name", nodeName, "workflows.argoproj.io/node-id", nodeId),
                podSpec, List.of(), List.of(), uid, executorTemplate, includeResult, workflowDeadline,
                workflowCluster);
    }
}
