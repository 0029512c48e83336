package dev.skiff.engine.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.model.Parameter;
import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.TemplateKind;
import java.util.List;
import java.util.Optional;

/**
 * Argo's {@code addOutputsToScope}: the variables a step or task makes available to those after it, from
 * what its template declares ({@code result} and {@code exitCode} only for templates that produce output,
 * parameters only when declared), plus workflow outputs named by {@code globalName}.
 */
final class NodeOutputs {

    private NodeOutputs() {
    }

    /**
     * Adds the variables of node {@code node} (such as {@code steps.a}); {@code aggregate} for a loop,
     * {@code ancestor} when the node is an ancestor of the task being checked.
     */
    static void add(Optional<Template> template, String node, VariableScope scope, boolean aggregate,
                    boolean ancestor) {
        List.of(".id", ".startedAt", ".finishedAt", ".hostNodeName").forEach(s -> scope.add(node + s));
        if (template.isEmpty()) {
            return;
        }
        Template t = template.get();
        if (t.daemon()) {
            scope.add(node + ".ip");
        }
        if (hasOutput(t)) {
            scope.add(node + ".outputs.result");
            scope.add(node + ".exitCode");
        }
        for (Parameter p : t.outputs().parameters()) {
            scope.add(node + ".outputs.parameters." + p.name());
            addGlobal(p.globalName(), "workflow.outputs.parameters.", VariableScope.ANY_WORKFLOW_OUTPUT_PARAMETER, scope);
        }
        for (JsonNode art : t.raw().path("outputs").path("artifacts")) {
            scope.add(node + ".outputs.artifacts." + art.path("name").asText(""));
            addGlobal(art.path("globalName").asText(""), "workflow.outputs.artifacts.",
                    VariableScope.ANY_WORKFLOW_OUTPUT_ARTIFACT, scope);
        }
        if (aggregate) {
            if (t.kind() == TemplateKind.SCRIPT || t.kind() == TemplateKind.CONTAINER_SET) {
                scope.add(node + ".outputs.result");
                scope.add(node + ".exitCode");
            }
            scope.add(node + ".outputs.parameters");
        }
        if (ancestor) {
            scope.add(node + ".status");
        }
    }

    private static void addGlobal(String globalName, String prefix, String any, VariableScope scope) {
        if (globalName.isEmpty()) {
            return;
        }
        if (LeafValidation.isParameter(globalName)) {
            scope.add(any);
        } else {
            scope.addGlobal(prefix + globalName);
        }
    }

    /** Argo's {@code HasOutput}: container, script, data, http, plugin, a container set with {@code main}. */
    private static boolean hasOutput(Template t) {
        return switch (t.kind()) {
            case CONTAINER, SCRIPT, DATA, HTTP, PLUGIN -> true;
            case CONTAINER_SET -> {
                for (JsonNode c : t.raw().path("containerSet").path("containers")) {
                    if (c.path("name").asText("").equals("main")) {
                        yield true;
                    }
                }
                yield false;
            }
            default -> false;
        };
    }
}
