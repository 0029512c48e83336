package dev.skiff.engine.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.core.StepPlacement;
import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.TemplateKind;
import java.util.List;
import java.util.Optional;

/**
 * Skiff's {@code cluster}/{@code namespace} template fields (not in Argo's schema): strings, on container, script,
 * steps and DAG templates only, and — when written without an expression — valid names ({@link StepPlacement});
 * values with expressions are checked after rendering, when the step starts. The local runner has no cluster to
 * put a step in, so {@code skiff run} refuses them rather than run the step on this machine.
 */
final class PlacementChecks {

    private static final List<TemplateKind> PLACEABLE = List.of(TemplateKind.CONTAINER, TemplateKind.SCRIPT,
            TemplateKind.STEPS, TemplateKind.DAG);

    private final Problems problems;

    PlacementChecks(Problems problems) {
        this.problems = problems;
    }

    /** The fields' shape and literal values, for every profile. */
    void checkTemplate(Template template) {
        String name = template.name();
        for (String field : List.of("cluster", "namespace")) {
            JsonNode value = template.raw().path(field);
            if (value.isMissingNode() || value.isNull()) {
                continue;
            }
            String at = "templates." + name + "." + field;
            if (!value.isTextual()) {
                problems.add(name, at + " must be a string", "write it as " + field + ": <name>");
                continue;
            }
            if (!PLACEABLE.contains(template.kind())) {
                problems.add(name, at + " is only read on container, script, steps and dag templates",
                        "remove it, or set it on the template that runs the pod (or on its steps/dag template)");
                continue;
            }
            String text = value.asText();
            if (text.isEmpty() || text.contains("{{")) {
                continue;
            }
            Optional<String> invalid = field.equals("cluster") ? StepPlacement.invalidCluster(text)
                    : StepPlacement.invalidNamespace(text);
            invalid.ifPresent(p -> problems.add(name, at + ": " + p, "name a cluster of the controller's config or"
                    + " kubeconfig secret and a namespace in it"));
        }
    }

    /** {@code skiff run}: each step is a process on this machine; a step meant for another cluster is refused. */
    void checkLocalTemplate(Template template) {
        if (StepPlacement.placed(template.raw())) {
            String name = template.name();
            problems.unsupported(name, "templates." + name + ".cluster/namespace is not supported by Skiff's local"
                    + " runner: its steps run as processes on this machine, not in a cluster or namespace",
                    "remove cluster/namespace for a local run, or run it with skiff controller (skiff submit)");
        }
    }
}
