package dev.skiff.engine.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.lint.TemplateValidation.Holder;
import dev.skiff.engine.model.Arguments;
import dev.skiff.engine.model.Artifact;
import dev.skiff.engine.model.Parameter;
import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowSpec;
import dev.skiff.engine.model.WorkflowTemplate;
import dev.skiff.engine.model.WorkflowTemplateRef;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Argo's validation of a whole workflow ({@code validate.Workflow}), in its order: the name, the
 * {@code workflowTemplateRef}, template names, arguments, entrypoint, exit handler, hooks, then every template (of
 * the referenced WorkflowTemplate, when there is one). The first problem it reports is the one Argo's controller
 * puts after {@code invalid spec: }. A WorkflowTemplate is validated the same way ({@code validate.WorkflowTemplate}):
 * without a name check, its entrypoint optional, parameters without values allowed, and {@code workflow.parameters}
 * free to use.
 */
final class SpecValidation {

    private static final int MAX_NAME = 63;

    private final Workflow workflow;
    private final WorkflowSpec spec;
    private final Problems problems;
    private final Set<String> globals = new HashSet<>();
    private final TemplateValidation templates;
    private final TemplateReferences references;
    private final boolean templateValidation;
    private final TemplateOwner local;

    /**
     * @param templateValidation whether {@code workflow} stands for a WorkflowTemplate being linted on its own
     */
    SpecValidation(Workflow workflow, Problems problems, Problems skiffProblems, TemplateReferences references,
                   boolean templateValidation) {
        this.workflow = workflow;
        this.spec = workflow.spec();
        this.problems = problems;
        this.references = references;
        this.templateValidation = templateValidation;
        this.local = TemplateOwner.local(spec);
        this.templates = new TemplateValidation(spec, globals, problems, skiffProblems, references);
    }

    void run() {
        if (!templateValidation && workflow.name().length() > MAX_NAME) {
            add("workflow name \"" + workflow.name() + "\" must not be more than 63 characters long (currently "
                    + workflow.name().length() + ")", "shorten metadata.name");
        }
        Optional<WorkflowTemplateRef> ref = spec.workflowTemplateRef();
        Optional<WorkflowTemplate> resource = Optional.empty();
        if (ref.isPresent()) {
            if (!spec.templates().isEmpty()) {
                add("Templates is invalid field in spec if workflow referred WorkflowTemplate reference",
                        "remove spec.templates: the templates come from " + ref.get().name());
                return;
            }
            if (!references.checked()) {
                return;
            }
            resource = references.find(ref.get().clusterScope(), ref.get().name());
            if (resource.isEmpty()) {
                problems.workflowTemplateNotFound((ref.get().clusterScope() ? "clusterworkflowtemplates" : "workflowtemplates") + ".argoproj.io \""
                        + ref.get().name() + "\" not found", "give skiff the " + (ref.get().clusterScope()
                        ? "ClusterWorkflowTemplate" : "WorkflowTemplate") + " " + ref.get().name()
                        + " (in the same file, or with --templates DIR)");
                return;
            }
        }
        WorkflowSpec base = resource.map(WorkflowTemplate::spec).orElse(spec);
        String entrypoint = spec.entrypoint().isEmpty() ? base.entrypoint() : spec.entrypoint();
        FieldNames.checkFields(spec.templates().stream().map(Template::name).toList())
                .ifPresent(e -> add("spec.templates" + e, "give every template a unique name"));
        Arguments arguments = resource.isEmpty() ? spec.arguments() : new Arguments(
                merge(spec.arguments().parameters(), base.arguments().parameters(), Parameter::name),
                merge(spec.arguments().artifacts(), base.arguments().artifacts(), Artifact::name));
        ArgumentValidation.problems("spec.arguments.", arguments, templateValidation).forEach(e -> add(e,
                "give the parameter a value in spec.arguments.parameters, or pass it with -p NAME=VALUE"));
        addGlobals(arguments, resource);
        arguments.parameters().forEach(p -> p.value().ifPresent(v -> templates.parameterValues.put(p.name(), v)));
        if (entrypoint.isEmpty() && !(templateValidation && spec.entrypoint().isEmpty())) {
            add("spec.entrypoint is required", "name the template to start with in spec.entrypoint");
        } else if (!entrypoint.isEmpty()) {
            templates.holder(holder(ref, entrypoint), templateValidation ? Optional.empty() : Optional.of(arguments),
                    "", "", local);
        }
        String onExit = spec.onExit().isEmpty() && resource.isPresent() ? base.onExit() : spec.onExit();
        if (!onExit.isEmpty()) {
            globals.add("workflow.failures");
            // Argo: a parameterised globalName of an output artifact lets the exit handler name any global artifact.
            if (hasParameterisedGlobalArtifact(spec) || resource.isPresent() && hasParameterisedGlobalArtifact(base)) {
                globals.add(VariableScope.ANY_WORKFLOW_OUTPUT_ARTIFACT);
            }
            templates.holder(holder(ref, onExit), Optional.of(spec.arguments()), "", "", local);
        }
        for (String hook : new TreeSet<>(spec.hooks().keySet())) {
            if (!hook.equals("exit") && spec.hooks().get(hook).expression().isEmpty()) {
                add("hooks." + hook + " Expression required", "add expression: to the hook");
            }
        }
        if (resource.isPresent()) {
            TemplateOwner owner = TemplateOwner.of(resource.get());
            for (Template t : base.templates()) {
                if (!t.name().isEmpty() && !templates.reached(owner, t.name())) {
                    templates.holder(Holder.ref(ref.get().toTemplateRef(t.name())), Optional.empty(),
                            "templates." + t.name() + " ", t.name(), local);
                }
            }
            return;
        }
        for (Template t : spec.templates()) {
            if (!t.name().isEmpty() && !templates.reached(local, t.name())) {
                templates.holder(Holder.named(t.name()), Optional.empty(), "templates." + t.name() + " ", t.name(),
                        local);
            }
        }
    }

    /** The entrypoint or exit handler: by name, or in the referenced WorkflowTemplate. */
    private static Holder holder(Optional<WorkflowTemplateRef> ref, String template) {
        return ref.map(r -> Holder.ref(r.toTemplateRef(template))).orElse(Holder.named(template));
    }

    /** Argo's {@code MergeParameters} / {@code MergeArtifacts}: by name, the first list wins. */
    private static <T> List<T> merge(List<T> first, List<T> second, java.util.function.Function<T, String> name) {
        List<T> out = new java.util.ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (List<T> list : List.of(first, second)) {
            for (T item : list) {
                if (seen.add(name.apply(item))) {
                    out.add(item);
                }
            }
        }
        return out;
    }

    private static boolean hasParameterisedGlobalArtifact(WorkflowSpec spec) {
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
    private void addGlobals(Arguments arguments, Optional<WorkflowTemplate> resource) {
        globals.addAll(List.of("workflow.name", "workflow.namespace", "workflow.mainEntrypoint",
                "workflow.serviceAccountName", "workflow.uid", "workflow.status"));
        if (!arguments.parameters().isEmpty()) {
            globals.add("workflow.parameters");
            globals.add("workflow.parameters.json");
        }
        for (Parameter p : arguments.parameters()) {
            if (!p.name().isEmpty()) {
                globals.add("workflow.parameters." + p.name());
            }
        }
        if (templateValidation) {
            globals.add(VariableScope.ANY_WORKFLOW_PARAMETER);
        }
        resource.ifPresent(r -> addMetadataGlobals(r.spec().raw().path("workflowMetadata")));
        JsonNode metadata = spec.raw().path("workflowMetadata");
        for (String key : workflow.annotations().keySet()) {
            globals.add("workflow.annotations." + key);
        }
        for (String key : workflow.labels().keySet()) {
            globals.add("workflow.labels." + key);
        }
        addMetadataGlobals(metadata);
        globals.addAll(List.of("workflow.annotations", "workflow.annotations.json", "workflow.labels",
                "workflow.labels.json"));
        if (spec.raw().hasNonNull("priority")) {
            globals.add("workflow.priority");
        }
    }

    /** The labels and annotations a {@code workflowMetadata} adds (their keys become variables). */
    private void addMetadataGlobals(JsonNode metadata) {
        metadata.path("annotations").fieldNames().forEachRemaining(k -> globals.add("workflow.annotations." + k));
        metadata.path("labels").fieldNames().forEachRemaining(k -> globals.add("workflow.labels." + k));
        metadata.path("labelsFrom").fieldNames().forEachRemaining(k -> globals.add("workflow.labels." + k));
    }

    private void add(String message, String hint) {
        problems.add("", message, hint);
    }
}
