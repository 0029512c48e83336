package dev.skiff.executor.pod.outcome;

import dev.skiff.executor.pod.json.GoJson;
import dev.skiff.executor.pod.json.JsonTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pod and task-result JSON as the API server returns them, for outcome tests. */
final class TestingPods {

    private final Map<String, Object> status = new LinkedHashMap<>();
    private final List<Object> containers = new ArrayList<>();
    private final List<Object> inits = new ArrayList<>();

    private TestingPods(String phase) {
        status.put("phase", phase);
    }

    static TestingPods phase(String phase) {
        return new TestingPods(phase);
    }

    TestingPods status(String field, String value) {
        status.put(field, value);
        return this;
    }

    TestingPods terminated(String name, int exitCode, String reason, String message) {
        containers.add(container(name, "terminated", Map.of("exitCode", exitCode, "reason", reason, "message",
                message, "startedAt", "2026-12-08T10:00:01Z", "finishedAt", "2026-12-08T10:00:0" + (exitCode % 7 + 2) + "Z")));
        return this;
    }

    TestingPods initTerminated(String name, int exitCode, String reason, String message) {
        inits.add(container(name, "terminated", Map.of("exitCode", exitCode, "reason", reason, "message", message,
                "finishedAt", "2026-12-08T10:00:01Z")));
        return this;
    }

    TestingPods running(String name, boolean ready) {
        Map<String, Object> c = container(name, "running", Map.of("startedAt", "2026-12-08T10:00:01Z"));
        c.put("ready", ready);
        containers.add(c);
        return this;
    }

    TestingPods waiting(String name, String reason, String message) {
        containers.add(container(name, "waiting", message.isEmpty() ? Map.of("reason", reason)
                : Map.of("reason", reason, "message", message)));
        return this;
    }

    TestingPods unschedulable(String message) {
        status.put("conditions", List.of(Map.of("type", "PodScheduled", "status", "False", "reason", "Unschedulable",
                "message", message)));
        return this;
    }

    PodView view() {
        Map<String, Object> pod = new LinkedHashMap<>();
        pod.put("metadata", Map.of("name", "wf-main-123", "namespace", "argo", "uid", "u-1"));
        pod.put("spec", Map.of("containers", List.of()));
        Map<String, Object> s = new LinkedHashMap<>(status);
        if (!containers.isEmpty()) {
            s.put("containerStatuses", containers);
        }
        if (!inits.isEmpty()) {
            s.put("initContainerStatuses", inits);
        }
        pod.put("status", s);
        // through JSON, as the informer hands pods over
        return PodView.of(JsonTree.copyObject(GoJson.read(GoJson.write(pod))));
    }

    static TaskResultView result(boolean complete, String outputsJson) {
        return TaskResultView.of(JsonTree.copyObject(GoJson.read("""
                {"apiVersion": "argoproj.io/v1alpha1", "kind": "WorkflowTaskResult",
                 "metadata": {"name": "wf-123", "labels": {"workflows.argoproj.io/workflow": "wf",
                   "workflows.argoproj.io/report-outputs-completed": "%s"}},
                 "outputs": %s}""".formatted(complete, outputsJson))));
    }

    private static Map<String, Object> container(String name, String state, Map<String, Object> fields) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("ready", false);
        c.put("state", Map.of(state, fields));
        return c;
    }
}
