package dev.skiff.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A template of a workflow. The typed fields are what the engine interprets; {@link #raw()} keeps the
 * template as written (container, volumes, ...) for executors and tag substitution.
 *
 * @param name                  template name
 * @param kind                  what the template does
 * @param inputs                input parameters and artifacts
 * @param outputs               declared outputs
 * @param steps                 for steps templates: the groups of parallel steps
 * @param dag                   for DAG templates
 * @param suspendDuration       for suspend templates: how long; empty = until resumed
 * @param retryStrategy         retries
 * @param activeDeadlineSeconds deadline of each pod, as text (may hold a tag)
 * @param timeout               deadline of the node, such as {@code 30s}
 * @param parallelism           at most this many children at once
 * @param failFast              for steps/DAG: stop scheduling children after a failure
 * @param daemon                daemon step (not supported)
 * @param raw                   the template as written
 */
public record Template(String name, TemplateKind kind, Inputs inputs, Outputs outputs,
                       List<List<WorkflowStep>> steps, Optional<DagTemplate> dag, Optional<String> suspendDuration,
                       Optional<RetryStrategy> retryStrategy, Optional<String> activeDeadlineSeconds,
                       String timeout, Optional<Long> parallelism, Optional<Boolean> failFast, boolean daemon,
                       ObjectNode raw) {

    public Template {
        steps = steps.stream().map(List::copyOf).toList();
    }

    /** Whether this template declares any outputs. */
    public boolean hasOutputs() {
        return !outputs.isEmpty();
    }

    /** Reads a template; type errors name the path. */
    public static Template read(ObjectNode node, String path) {
        TemplateKind kind = TemplateKind.NONE;
        for (TemplateKind k : TemplateKind.values()) {
            if (k != TemplateKind.NONE && JsonFields.has(node, k.field())) {
                kind = k;
                break;
            }
        }
        List<List<WorkflowStep>> steps = new ArrayList<>();
        int i = 0;
        for (JsonNode group : JsonFields.list(node, "steps", path)) {
            String gp = path + ".steps[" + i++ + "]";
            List<WorkflowStep> parallel = new ArrayList<>();
            if (group.isObject() && group.has("steps")) {
                group = group.get("steps");
            }
            if (!group.isArray()) {
                throw JsonFields.mismatch(gp, "a list of steps", group);
            }
            int j = 0;
            for (JsonNode step : group) {
                String sp = gp + "[" + j++ + "]";
                if (!step.isObject()) {
                    throw JsonFields.mismatch(sp, "an object", step);
                }
                parallel.add(WorkflowStep.read((ObjectNode) step, sp));
            }
            steps.add(parallel);
        }
        Optional<String> suspend = JsonFields.object(node, "suspend", path)
                .map(s -> JsonFields.text(s, "duration", path + ".suspend"));
        if (suspend.isEmpty() && JsonFields.has(node, "suspend")) {
            throw JsonFields.mismatch(path + ".suspend", "an object", node.get("suspend"));
        }
        return new Template(JsonFields.text(node, "name", path), kind,
                JsonFields.object(node, "inputs", path).map(n -> ParameterJson.readInputs(n, path + ".inputs"))
                        .orElse(Inputs.EMPTY),
                JsonFields.object(node, "outputs", path).map(n -> ParameterJson.readOutputs(n, path + ".outputs"))
                        .orElse(Outputs.EMPTY),
                steps, JsonFields.object(node, "dag", path).map(d -> DagTemplate.read(d, path + ".dag")),
                suspend, RetryStrategy.read(node, path), JsonFields.optText(node, "activeDeadlineSeconds", path),
                JsonFields.text(node, "timeout", path), JsonFields.integer(node, "parallelism", path),
                JsonFields.bool(node, "failFast", path), JsonFields.bool(node, "daemon", path).orElse(false),
                node);
    }
}
