package dev.skiff.engine.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.lint.TemplateValidation.Holder;
import dev.skiff.engine.model.Parameter;
import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Argo's validation of a whole workflow ({@code validate.Workflow}), in its order: the name, template
 * names, arguments, entrypoint, exit handler, hooks, then every template. The first problem it reports is
 * the one Argo's controller puts after {@code invalid spec: }.
 */
final class SpecValidation {

    private static final int MAX_NAME = 63;

    private final Workflow workflow;
    private final WorkflowSpec spec;
    private final Problems problems;
    private final Set<String> globals = new HashSet<>();
    private final TemplateValidation templates;

    SpecValidation(Workflow workflow, Problems problems, Problems skiffProblems) {
        this.workflow = workflow;
        this.spec = workflow.spec();
        this.problems = problems;
        this.templates = new TemplateValidation(spec, globals, problems, skiffProblems);
    }

    void run() {
        if (spec.hasWorkflowTemplateRef()) {
            return;
        }
        if (workflow.name().length() > MAX_NAME) {
            add("workflow name \"" + workflow.name() + "\" must not be more than 63 characters long (currently "
                    + workflow.name().length() + ")", "shorten metadata.name");
        }
        FieldNames.checkFields(spec.templates().stream().map(Template::name).toList())
                .ifPresent(e -> add("spec.templates" + e, "give every template a unique name"));
        ArgumentValidation.problems("spec.arguments.", spec.arguments()).forEach(e -> add(e,
                "give the parameter a value in spec.arguments.parameters, or pass it with -p NAME=VALUE"));
        addGlobals();
        if (spec.entrypoint().isEmpty()) {
            add("spec.entrypoint is required", "name the template to start with in spec.entrypoint");
        } else {
            templates.holder(Holder.named(spec.entrypoint()), Optional.of(spec.arguments()), "", "");
        }
        if (!spec.onExit().isEmpty()) {
            globals.add("workflow.failures");
            // Argo: a parameterised globalName of an output artifact lets the exit handler name any global artifact.
            if (hasParameterisedGlobalArtifact()) {
                globals.add(VariableScope.ANY_WORKFLOW_OUTPUT_ARTIFACT);
            }
            templates.holder(Holder.named(spec.onExit()), Optional.of(spec.arguments()), "", "");
        }
        for (String hook : new TreeSet<>(spec.hooks().keySet())) {
            if (!hook.equals("exit") && spec.hooks().get(hook).expression().isEmpty()) {
                add("hooks." + hook + " Expression required", "add expression: to the hook");
            }
        }
        for (Template t : spec.templates()) {
            if (!t.name().isEmpty() && !templates.reached(t.name())) {
                templates.holder(Holder.named(t.name()), Optional.empty(), "templates." + t.name() + " ", t.name());
            }
        }
    }

    private boolean hasParameterisedGlobalArtifact() {
        for (Template t : spec.templates()) {
            for (JsonNode art : t.raw().path("outputs").path("artifacts")) {
                if (LeafValidation.isParameter(art.path("globalName").asText(""))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The workflow-wide variables Argo's validation knows from the start. */
    private void addGlobals() {
        globals.addAll(List.of("workflow.name", "workflow.namespace", "workflow.mainEntrypoint",
                "workflow.serviceAccountName", "workflow.uid", "workflow.status"));
        if (!spec.arguments().parameters().isEmpty()) {
            globals.add("workflow.parameters");
            globals.add("workflow.parameters.json");
        }
        for (Parameter p : spec.arguments().parameters()) {
            if (!p.name().isEmpty()) {
                globals.add("workflow.parameters." + p.name());
            }
        }
        JsonNode metadata = spec.raw().path("workflowMetadata");
        for (String key : workflow.annotations().keySet()) {
            globals.add("workflow.annotations." + key);
        }
        metadata.path("annotations").fieldNames().forEachRemaining(k -> globals.add("workflow.annotations." + k));
        for (String key : workflow.labels().keySet()) {
            globals.add("workflow.labels." + key);
        }
        metadata.path("labels").fieldNames().forEachRemaining(k -> globals.add("workflow.labels." + k));
        metadata.path("labelsFrom").fieldNames().forEachRemaining(k -> globals.add("workflow.labels." + k));
        globals.addAll(List.of("workflow.annotations", "workflow.annotations.json", "workflow.labels",
                "workflow.labels.json"));
        if (spec.raw().hasNonNull("priority")) {
            globals.add("workflow.priority");
        }
    }

    private void add(String message, String hint) {
        problems.add("", message, hint);
    }
}
