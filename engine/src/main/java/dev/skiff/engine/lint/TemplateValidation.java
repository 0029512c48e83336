package dev.skiff.engine.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.Arguments;
import dev.skiff.engine.model.Invocation;
import dev.skiff.engine.model.Parameter;
import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.TemplateKind;
import dev.skiff.engine.model.TemplateRef;
import dev.skiff.engine.model.WorkflowFormatException;
import dev.skiff.engine.model.WorkflowSpec;
import dev.skiff.engine.model.WorkflowTemplate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Argo's validation of a template reached from the workflow, a step or a task, in Argo's order
 * ({@code validateTemplateHolder}, {@code validateTemplate} in {@code workflow/validate/validate.go}).
 * Each problem is worded as Argo's error, prefixed with the {@code wrap} of the calls that led to it, so
 * the first problem found is the message Argo gives. Unlike Argo, validation goes on after a problem.
 */
final class TemplateValidation {

    /** A reference to a template: by name, inline, or by {@code templateRef}. */
    record Holder(String template, Optional<ObjectNode> inline, Optional<TemplateRef> templateRef) {

        static Holder named(String name) {
            return new Holder(name, Optional.empty(), Optional.empty());
        }

        static Holder ref(TemplateRef ref) {
            return new Holder("", Optional.empty(), Optional.of(ref));
        }

        static Holder of(Invocation call) {
            return new Holder(call.template(), call.inline(), call.templateRef());
        }
    }

    private static final Set<String> RETRY_POLICIES = Set.of("Always", "OnFailure", "OnError", "OnTransientError");

    final WorkflowSpec spec;
    final Problems problems;
    /** Skiff's own checks made along the way (expression variables), reported after Argo's. */
    final Problems skiffProblems;
    final Set<String> globals;
    final TemplateReferences references;
    /** Workflow parameters with a value, which Argo's validation substitutes before it resolves a reference. */
    final java.util.Map<String, String> parameterValues = new java.util.HashMap<>();
    private final Set<String> validated = new HashSet<>();
    private final Set<String> reached = new HashSet<>();

    TemplateValidation(WorkflowSpec spec, Set<String> globals, Problems problems, Problems skiffProblems,
                       TemplateReferences references) {
        this.spec = spec;
        this.globals = globals;
        this.problems = problems;
        this.skiffProblems = skiffProblems;
        this.references = references;
    }

    /**
     * Resolves and validates the template a holder refers to, calls by name resolving in {@code owner}.
     * {@code args} are the caller's arguments; empty stands for Argo's placeholder arguments, which supply every
     * input.
     */
    Optional<Template> holder(Holder holder, Optional<Arguments> args, String wrap, String caller,
                              TemplateOwner owner) {
        Template template;
        TemplateOwner newOwner = owner;
        if (holder.templateRef().isPresent()) {
            TemplateRef ref = substituted(holder.templateRef().get());
            Optional<String> refProblem = !holder.template().isEmpty()
                    ? Optional.of("template name cannot be specified with templateRef")
                    : ref.name().isEmpty() ? Optional.of("resource name is required")
                    : ref.template().isEmpty() ? Optional.of("template name is required") : Optional.empty();
            if (refProblem.isPresent()) {
                problems.add(caller, wrap + refProblem.get(), "give templateRef a name and a template, and no"
                        + " template: beside it");
                return Optional.empty();
            }
            if (ref.name().contains("{{") || ref.template().contains("{{") || !references.checked()) {
                // Argo skips a reference that needs substitution; one into a cluster is checked there.
                return Optional.empty();
            }
            Optional<WorkflowTemplate> resource = references.find(ref.clusterScope(), ref.name());
            Optional<Template> referenced = resource.flatMap(r -> r.spec().template(ref.template()));
            if (referenced.isEmpty()) {
                problems.add(caller, wrap + "template reference " + ref.name() + "." + ref.template() + " not found",
                        resource.isEmpty() ? "give skiff the " + (ref.clusterScope() ? "ClusterWorkflowTemplate"
                                : "WorkflowTemplate") + " " + ref.name() + " (in the same file, or with --templates"
                                + " DIR)" : "add a template named " + ref.template() + " to " + resource.get()
                                .describe() + " or fix the name");
                return Optional.empty();
            }
            template = referenced.get();
            newOwner = TemplateOwner.of(resource.get());
        } else if (holder.inline().isPresent()) {
            try {
                template = Template.read(holder.inline().get(), "inline");
            } catch (WorkflowFormatException e) {
                problems.add(caller, wrap + e.getMessage(), "fix the inline template");
                return Optional.empty();
            }
        } else if (holder.template().isEmpty()) {
            problems.add(caller, wrap + "failed to get a template", "name the template to run in template:");
            return Optional.empty();
        } else {
            Optional<Template> named = owner.template(holder.template());
            if (named.isEmpty()) {
                problems.add(caller, wrap + "template name '" + holder.template() + "' undefined",
                        "add a template named " + holder.template() + " or fix the name");
                return Optional.empty();
            }
            template = named.get();
        }
        // What Argo checks on every call but the arguments is reported for the first call only.
        if (!template.name().isEmpty() && !reached.add(newOwner.key(template.name()))) {
            args.ifPresent(a -> processArgs(template, a, wrap, caller));
            return template.kind() == TemplateKind.NONE ? Optional.empty() : Optional.of(template);
        }
        if (template.kind() == TemplateKind.NONE) {
            problems.add(template.name(), wrap + "template '" + template.name() + "' type is unknown",
                    "give it one of: container, script, steps, dag, suspend");
            return Optional.empty();
        }
        template.retryStrategy().map(r -> r.retryPolicy())
                .filter(p -> !p.isEmpty() && !RETRY_POLICIES.contains(p))
                .ifPresent(p -> problems.add(template.name(), wrap + p + " is not a valid RetryPolicy",
                        "use one of Always, OnFailure, OnError, OnTransientError"));
        template(template, args, wrap, caller, newOwner);
        return Optional.of(template);
    }

    /**
     * The reference with {@code {{workflow.parameters.NAME}}} replaced by the parameter's value, as Argo's
     * validation substitutes global parameters (its ProcessArgs) before it resolves the reference; other variables
     * stay (the reference is then left for run time).
     */
    private TemplateRef substituted(TemplateRef ref) {
        return new TemplateRef(substitute(ref.name()), substitute(ref.template()), ref.clusterScope());
    }

    private String substitute(String text) {
        if (!text.contains("{{")) {
            return text;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{\\{\\s*workflow\\.parameters\\.([^{}\\s]+)\\s*}}")
                .matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = parameterValues.get(m.group(1));
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Whether a holder already led to the named template of {@code owner} (the entrypoint, a step, ...). */
    boolean reached(TemplateOwner owner, String template) {
        return reached.contains(owner.key(template));
    }

    private void template(Template t, Optional<Arguments> args, String wrap, String caller, TemplateOwner owner) {
        String at = "templates." + t.name();
        if (TemplateTypes.kinds(t).size() > 1) {
            problems.add(t.name(), wrap + at + " multiple template types specified. choose one of: container, "
                    + "containerSet, steps, script, resource, dag, suspend, template, template ref",
                    "keep exactly one of: container, script, steps, dag, suspend");
            return;
        }
        FieldNames.checkParameters(t.inputs().parameters().stream().map(Parameter::name).toList()).ifPresent(e ->
                problems.add(t.name(), wrap + at + ".inputs.parameters" + e, "name every input parameter once"));
        VariableScope scope = scope(t);
        args.ifPresent(a -> processArgs(t, a, wrap, caller));
        checkTimeouts(t, wrap);
        if (!validated.add(owner.key(t.name()))) {
            return;
        }
        switch (t.kind()) {
            case STEPS -> new StepsValidation(this, t, scope, wrap, owner).run();
            case DAG -> new DagValidation(this, t, scope, wrap, owner).run();
            default -> new LeafValidation(this, t, scope, wrap).run();
        }
        new LeafValidation(this, t, scope, wrap).outputs();
    }

    private VariableScope scope(Template t) {
        VariableScope scope = new VariableScope(globals);
        for (Parameter p : t.inputs().parameters()) {
            scope.add("inputs.parameters." + p.name());
        }
        if (!t.inputs().parameters().isEmpty()) {
            scope.add("inputs.parameters");
        }
        for (JsonNode art : t.raw().path("inputs").path("artifacts")) {
            scope.add("inputs.artifacts." + art.path("name").asText(""));
            if (TemplateTypes.isLeaf(t.kind())) {
                scope.add("inputs.artifacts." + art.path("name").asText("") + ".path");
            }
        }
        if (t.kind().isPod()) {
            scope.add("pod.name");
        }
        if (t.retryStrategy().isPresent()) {
            List.of("retries", "lastRetry.exitCode", "lastRetry.status", "lastRetry.duration", "lastRetry.message")
                    .forEach(scope::add);
        }
        return scope;
    }

    /**
     * Argo's {@code ProcessArgs} check: every input gets a value from the arguments, its value or default. A
     * missing argument is the calling template's problem (the workflow's, for the entrypoint).
     */
    private void processArgs(Template t, Arguments args, String wrap, String caller) {
        for (Parameter input : t.inputs().parameters()) {
            boolean hasValue = input.value().isPresent() || input.defaultValue().isPresent();
            boolean configMap = input.valueFrom().map(ArgumentValidation::hasConfigMap).orElse(false);
            Optional<Parameter> arg = args.parameter(input.name());
            if (arg.isPresent()) {
                hasValue = arg.get().value().isPresent();
                configMap = arg.get().valueFrom().map(ArgumentValidation::hasConfigMap).orElse(false);
            }
            if (!hasValue && !configMap) {
                problems.add(caller, wrap + "templates." + t.name() + " inputs.parameters." + input.name()
                        + " was not supplied", "pass it in arguments.parameters, or give template " + t.name()
                        + " a default");
                return;
            }
        }
    }

    private void checkTimeouts(Template t, String wrap) {
        String type = TemplateTypes.typeName(t.kind());
        if (!t.timeout().isEmpty()) {
            if (!TemplateTypes.isLeaf(t.kind())) {
                problems.add(t.name(), wrap + type + " template doesn't support timeout field",
                        "set timeout on the container or script templates it runs");
            } else if (t.timeout().matches("[+-]?[0-9]+")) {
                problems.add(t.name(), wrap + t.name() + " has invalid duration format in timeout",
                        "give timeout a unit, such as " + t.timeout() + "s");
            }
        }
        if (!t.raw().path("pendingTimeout").asText("").isEmpty() && !TemplateTypes.isLeaf(t.kind())) {
            problems.add(t.name(), wrap + type + " template doesn't support pendingTimeout field",
                    "set pendingTimeout on the container or script templates it runs");
        }
    }

    /** Argo's {@code addOutputsToScope}: what later steps or tasks may use of the node {@code prefix.name}. */
    void addOutputs(Optional<Template> template, String prefix, String name, VariableScope scope, boolean aggregate,
                    boolean ancestor) {
        NodeOutputs.add(template, prefix + "." + name, scope, aggregate, ancestor);
    }

    /** Reports Skiff's own finding about {@code {{=...}}} variables in {@code tree}, after Argo's problems. */
    void checkExpressions(String template, VariableScope scope, JsonNode tree, String where) {
        for (String unresolved : scope.unresolvedExpressions(tree)) {
            skiffProblems.add(template, where + unresolved, "declare the variable, or use only variables in scope");
        }
    }
}
