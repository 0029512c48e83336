package dev.skiff.executor.pod.outcome;

import dev.skiff.executor.pod.json.JsonTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Skiff reads of a WorkflowTaskResult (named after the node id, written by Argo's wait container).
 *
 * @param nodeId          metadata.name
 * @param complete        whether label {@code workflows.argoproj.io/report-outputs-completed} is {@code true}
 * @param parameters      outputs.parameters that have a value, by name
 * @param result          outputs.result, if reported
 * @param artifacts       names of outputs.artifacts, in order
 * @param resourceVersion metadata.resourceVersion
 */
public record TaskResultView(String nodeId, boolean complete, Map<String, String> parameters,
                             Optional<String> result, List<String> artifacts, String resourceVersion) {

    public TaskResultView {
        parameters = Map.copyOf(parameters);
        artifacts = List.copyOf(artifacts);
    }

    public static TaskResultView of(Map<String, Object> taskResult) {
        Map<String, Object> meta = JsonTree.object(taskResult.get("metadata"));
        Map<String, Object> outputs = JsonTree.object(taskResult.get("outputs"));
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Object p : JsonTree.list(outputs.get("parameters"))) {
            Map<String, Object> param = JsonTree.object(p);
            if (param.containsKey("value") && param.get("value") != null) {
                parameters.put(JsonTree.text(param.get("name")), JsonTree.text(param.get("value")));
            }
        }
        List<String> artifacts = new ArrayList<>();
        for (Object a : JsonTree.list(outputs.get("artifacts"))) {
            artifacts.add(JsonTree.text(JsonTree.object(a).get("name")));
        }
        Object result = outputs.get("result");
        return new TaskResultView(JsonTree.text(meta.get("name")),
                "true".equals(JsonTree.text(JsonTree.object(meta.get("labels"))
                        .get("workflows.argoproj.io/report-outputs-completed"))),
                parameters, result instanceof String s ? Optional.of(s) : Optional.empty(), artifacts,
                JsonTree.text(meta.get("resourceVersion")));
    }
}
