package dev.skiff.engine.lint;

import dev.skiff.engine.expr.Expression;
import dev.skiff.engine.expr.ExpressionException;
import dev.skiff.engine.model.DagTask;
import dev.skiff.engine.model.Invocation;
import dev.skiff.engine.model.LifecycleHook;
import dev.skiff.engine.model.Parameter;
import dev.skiff.engine.model.RetryStrategy;
import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.TemplateKind;
import dev.skiff.engine.model.WorkflowSpec;
import dev.skiff.engine.model.WorkflowStep;
import dev.skiff.engine.template.TagRenderer;
import dev.skiff.engine.template.TemplateException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Checks of one template: its kind, its calls, its expressions and the variables it uses. */
final class TemplateChecks {

    private static final Set<String> RETRY_POLICIES = Set.of("Always", "OnFailure", "OnError", "OnTransientError");

    private final WorkflowSpec spec;
    private final Template template;
    private final Problems problems;
    private final String name;

    TemplateChecks(WorkflowSpec spec, Template template, Problems problems) {
        this.spec = spec;
        this.template = template;
        this.problems = problems;
        this.name = template.name();
    }

    void check() {
        checkKind();
        checkExpressions();
        template.retryStrategy().ifPresent(r -> checkRetry(r, name, "templates." + name + ".retryStrategy", problems));
        if (template.parallelism().isPresent() && template.kind() != TemplateKind.STEPS
                && template.kind() != TemplateKind.DAG) {
            problems.add(name, "templates." + name + ".parallelism is only valid for steps and dag templates",
                    "move parallelism to the steps or DAG template that calls this one");
        }
        if (!template.timeout().isEmpty() && !template.kind().isPod() && template.kind() != TemplateKind.SUSPEND) {
            problems.add(name, template.kind().field() + " template doesn't support timeout field",
                    "set timeout on the container or script templates it runs");
        }
        for (Parameter p : template.inputs().parameters()) {
            if (!p.enumValues().isEmpty() && p.defaultValue().isPresent()
                    && !p.enumValues().contains(p.defaultValue().get())) {
                problems.add(name, "templates." + name + ".inputs.parameters." + p.name()
                        + ".default should be present in the enum list", "use one of " + p.enumValues());
            }
        }
        if (template.raw().path("inputs").path("artifacts").size() > 0
                || template.raw().path("outputs").path("artifacts").size() > 0) {
            problems.unsupported(name, "artifacts are not supported by Skiff yet",
                    "pass data between steps with output parameters (valueFrom.path)");
        }
        new VariableChecks(spec, template, problems).check();
        switch (template.kind()) {
            case STEPS -> checkSteps();
            case DAG -> new DagChecks(spec, template, problems).check();
            default -> {
            }
        }
    }

    private void checkKind() {
        List<String> kinds = new ArrayList<>();
        for (TemplateKind kind : TemplateKind.values()) {
            if (kind != TemplateKind.NONE && template.raw().has(kind.field()) && !template.raw().get(kind.field()).isNull()) {
                kinds.add(kind.field());
            }
        }
        if (kinds.isEmpty()) {
            problems.add(name, "templates." + name + " template type unspecified",
                    "give it one of: container, script, steps, dag, suspend");
            return;
        }
        if (kinds.size() > 1) {
            problems.add(name, "templates." + name + " multiple template types specified: " + kinds,
                    "keep exactly one of them");
        }
        if (!template.kind().isSupported()) {
            problems.unsupported(name, template.kind().field() + " templates are not supported by Skiff yet",
                    "use a container or script template instead");
        }
        if (template.kind() == TemplateKind.CONTAINER || template.kind() == TemplateKind.SCRIPT) {
            String field = template.kind().field();
            if (template.raw().path(field).path("image").asText("").isEmpty()) {
                problems.add(name, "templates." + name + "." + field + ".image may not be empty",
                        "name an image (Skiff's local executor ignores it, but Argo requires it)");
            }
        }
        if (template.daemon()) {
            problems.unsupported(name, "daemon templates are not supported by Skiff yet", "run the service as a normal step");
        }
    }

    private void checkSteps() {
        Set<String> stepNames = new HashSet<>();
        int i = 0;
        for (List<WorkflowStep> group : template.steps()) {
            for (WorkflowStep step : group) {
                String where = "templates." + name + ".steps[" + i + "]";
                if (step.name().isEmpty()) {
                    problems.add(name, where + ".name is required", "give every step a name");
                } else if (!stepNames.add(step.name())) {
                    problems.add(name, where + ".name '" + step.name() + "' is not unique", "rename one of the steps");
                }
                checkCall(step, where + "." + step.name());
            }
            i++;
        }
    }

    /** Checks a step or task: its template exists, its arguments fit the template's inputs, loops and hooks. */
    void checkCall(Invocation call, String where) {
        Optional<Template> target = Optional.empty();
        if (call.hasTemplateRef()) {
            problems.unsupported(name, where + " uses templateRef, which is not supported by Skiff yet",
                    "copy the referenced template into spec.templates and use template: NAME");
        } else if (call.inline().isPresent()) {
            target = Optional.empty();
        } else if (call.template().isEmpty()) {
            problems.add(name, where + " template name is required", "name the template to run in template:");
        } else {
            target = spec.template(call.template());
            if (target.isEmpty()) {
                problems.add(name, where + " template name '" + call.template() + "' undefined",
                        "add a template named " + call.template() + " or fix the name");
            }
        }
        int loops = (call.withItems().isEmpty() ? 0 : 1) + (call.withParam().isEmpty() ? 0 : 1)
                + (call.withSequence().isPresent() ? 1 : 0);
        if (loops > 1) {
            problems.add(name, where + " only one of withItems, withParam, withSequence can be specified",
                    "keep one loop");
        }
        call.withSequence().ifPresent(seq -> {
            if (seq.count().isPresent() && seq.end().isPresent()) {
                problems.add(name, where + " only one of count or end can be defined in withSequence", "keep one");
            }
        });
        if (call.arguments().artifactCount() > 0) {
            problems.unsupported(name, where + ".arguments.artifacts are not supported by Skiff yet",
                    "pass values as parameters");
        }
        for (Parameter arg : call.arguments().parameters()) {
            if (arg.value().isEmpty() && arg.valueFrom().isEmpty()) {
                problems.add(name, where + ".arguments." + arg.name() + ".value or " + where + ".arguments."
                        + arg.name() + ".valueFrom is required", "give the argument a value");
            }
        }
        target.ifPresent(t -> checkArguments(call, t, where));
        for (Map.Entry<String, LifecycleHook> hook : call.hooks().entrySet()) {
            checkHook(spec, name, where + ".hooks." + hook.getKey(), hook.getKey(), hook.getValue(), problems);
        }
        if (!call.onExit().isEmpty() && spec.template(call.onExit()).isEmpty()) {
            problems.add(name, where + ".onExit template name '" + call.onExit() + "' undefined",
                    "add the template or fix onExit");
        }
    }

    private void checkArguments(Invocation call, Template target, String where) {
        for (Parameter input : target.inputs().parameters()) {
            Optional<Parameter> arg = call.arguments().parameter(input.name());
            if (arg.isEmpty() && input.value().isEmpty() && input.defaultValue().isEmpty()
                    && input.valueFrom().isEmpty()) {
                problems.add(name, where + ": inputs.parameters." + input.name() + " was not supplied",
                        "pass it in arguments.parameters, or give template " + target.name() + " a default");
            }
            if (arg.isPresent() && arg.get().value().isPresent() && !input.enumValues().isEmpty()
                    && !arg.get().value().get().contains("{{")
                    && !input.enumValues().contains(arg.get().value().get())) {
                problems.add(name, where + ".arguments." + input.name() + " value '" + arg.get().value().get()
                        + "' is not in the enum of templates." + target.name() + ".inputs.parameters."
                        + input.name(), "use one of " + input.enumValues());
            }
        }
    }

    static void checkHook(WorkflowSpec spec, String template, String where, String hookName, LifecycleHook hook,
                          Problems problems) {
        if (hook.hasTemplateRef()) {
            problems.unsupported(template, where + " uses templateRef, which is not supported by Skiff yet",
                    "copy the template into spec.templates");
        } else if (spec.template(hook.template()).isEmpty()) {
            problems.add(template, where + " template name '" + hook.template() + "' undefined",
                    "add the template or fix the hook");
        }
        if (!hookName.equals(LifecycleHook.EXIT)) {
            if (hook.expression().isEmpty()) {
                problems.add(template, where + " Expression required", "add expression: to the hook");
            } else if (!hook.expression().contains("{{")) {
                checkExpression(template, where + ".expression", hook.expression(), problems);
            }
        }
    }

    static void checkRetry(RetryStrategy retry, String template, String where, Problems problems) {
        if (!retry.retryPolicy().isEmpty() && !RETRY_POLICIES.contains(retry.retryPolicy())) {
            problems.add(template, retry.retryPolicy() + " is not a valid RetryPolicy",
                    "use one of Always, OnFailure, OnError, OnTransientError");
        }
        if (!retry.expression().isEmpty() && !retry.expression().contains("{{")) {
            checkExpression(template, where + ".expression", retry.expression(), problems);
        }
        retry.limit().filter(l -> !l.contains("{{")).ifPresent(l -> {
            try {
                Integer.parseInt(l.trim());
            } catch (NumberFormatException e) {
                problems.add(template, where + ".limit '" + l + "' is not a number", "use a whole number");
            }
        });
    }

    /** Every {@code {{=...}}} tag and expression field must parse. */
    private void checkExpressions() {
        List<String> texts = new ArrayList<>();
        collectStrings(template.raw(), texts);
        for (String text : texts) {
            List<String> expressions;
            try {
                expressions = TagRenderer.expressionTags(text);
            } catch (TemplateException e) {
                problems.add(name, e.getMessage(), "close every {{ with }}");
                continue;
            }
            for (String source : expressions) {
                checkExpression(name, "expression {{=" + source + "}}", source, problems);
            }
        }
        for (Parameter p : template.outputs().parameters()) {
            p.valueFrom().filter(v -> !v.expression().isEmpty()).ifPresent(v -> checkExpression(name,
                    "templates." + name + ".outputs.parameters." + p.name() + ".valueFrom.expression",
                    v.expression(), problems));
        }
    }

    static void checkExpression(String template, String where, String source, Problems problems) {
        try {
            Expression.compile(source);
        } catch (ExpressionException e) {
            problems.add(template, where + " cannot be parsed: " + e.getMessage(),
                    "write it in expr-lang syntax; index hyphenated names as steps['my-step']");
        }
    }

    static void collectStrings(com.fasterxml.jackson.databind.JsonNode node, List<String> out) {
        if (node.isTextual()) {
            out.add(node.textValue());
        }
        node.forEach(child -> collectStrings(child, out));
    }

    static Optional<DagTask> task(Template template, String name) {
        return template.dag().flatMap(d -> d.task(name));
    }
}
