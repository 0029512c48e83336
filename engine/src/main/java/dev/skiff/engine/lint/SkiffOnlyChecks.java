package dev.skiff.engine.lint;

import dev.skiff.engine.expr.Expression;
import dev.skiff.engine.expr.ExpressionException;
import dev.skiff.engine.model.DagTask;
import dev.skiff.engine.model.Invocation;
import dev.skiff.engine.model.LifecycleHook;
import dev.skiff.engine.model.Parameter;
import dev.skiff.engine.model.RetryStrategy;
import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.WorkflowSpec;
import dev.skiff.engine.template.TagRenderer;
import dev.skiff.engine.template.TemplateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Problems Argo's validation lets through but that make the workflow fail once it runs: expressions that
 * do not parse, enum violations of template inputs, hooks and exit handlers naming unknown templates,
 * retry limits that are not numbers. Reported after everything Argo's validation finds.
 */
final class SkiffOnlyChecks {

    private static final Pattern TASK_NAME =
            Pattern.compile("([a-zA-Z0-9][-a-zA-Z0-9]*?\\.[A-Z][a-zA-Z]+)|([a-zA-Z0-9][-a-zA-Z0-9]*)");

    private final WorkflowSpec spec;
    private final Problems problems;
    private final TemplateReferences references;

    SkiffOnlyChecks(WorkflowSpec spec, Problems problems, TemplateReferences references) {
        this.spec = spec;
        this.problems = problems;
        this.references = references;
    }

    void checkWorkflow() {
        for (Map.Entry<String, LifecycleHook> hook : spec.hooks().entrySet()) {
            checkHook("", "spec.hooks." + hook.getKey(), hook.getKey(), hook.getValue(), spec);
        }
        spec.retryStrategy().ifPresent(r -> checkRetry(r, "", "spec.retryStrategy"));
    }

    /** Checks a template whose calls by name resolve in {@code owner} (the workflow's spec or a WorkflowTemplate's). */
    void checkTemplate(Template template, WorkflowSpec owner) {
        String name = template.name();
        checkExpressions(template);
        template.retryStrategy().ifPresent(r -> checkRetry(r, name, "templates." + name + ".retryStrategy"));
        for (Parameter p : template.inputs().parameters()) {
            if (!p.enumValues().isEmpty() && p.defaultValue().isPresent()
                    && !p.enumValues().contains(p.defaultValue().get())) {
                problems.add(name, "templates." + name + ".inputs.parameters." + p.name()
                        + ".default should be present in the enum list", "use one of " + p.enumValues());
            }
        }
        int i = 0;
        for (List<? extends Invocation> group : template.steps()) {
            for (Invocation step : group) {
                checkCall(name, step, "templates." + name + ".steps[" + i + "]." + step.name(), owner);
            }
            i++;
        }
        template.dag().ifPresent(d -> d.tasks().forEach(t -> {
            String where = "templates." + name + ".tasks." + t.name();
            checkCall(name, t, where, owner);
            checkDepends(name, t, where);
        }));
    }

    private void checkCall(String template, Invocation call, String where, WorkflowSpec owner) {
        Optional<Template> called = call.templateRef().isPresent()
                ? call.templateRef().flatMap(r -> references.find(r.clusterScope(), r.name())
                        .flatMap(resource -> resource.spec().template(r.template())))
                : owner.template(call.template());
        called.ifPresent(target -> {
            for (Parameter input : target.inputs().parameters()) {
                Optional<String> value = call.arguments().parameter(input.name()).flatMap(Parameter::value);
                if (value.isPresent() && !input.enumValues().isEmpty() && !value.get().contains("{{")
                        && !input.enumValues().contains(value.get())) {
                    problems.add(template, where + ".arguments." + input.name() + " value '" + value.get()
                            + "' is not in the enum of templates." + target.name() + ".inputs.parameters."
                            + input.name(), "use one of " + input.enumValues());
                }
            }
        });
        for (Map.Entry<String, LifecycleHook> hook : call.hooks().entrySet()) {
            checkHook(template, where + ".hooks." + hook.getKey(), hook.getKey(), hook.getValue(), owner);
        }
        if (!call.onExit().isEmpty() && owner.template(call.onExit()).isEmpty()) {
            problems.add(template, where + ".onExit template name '" + call.onExit() + "' undefined",
                    "add the template or fix onExit");
        }
    }

    private void checkDepends(String template, DagTask task, String where) {
        String depends = task.depends();
        if (depends.isEmpty()) {
            return;
        }
        Matcher m = TASK_NAME.matcher(depends);
        StringBuilder expression = new StringBuilder();
        int last = 0;
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) + ".Succeeded";
            expression.append(depends, last, m.start()).append(name.replace('-', '_'));
            last = m.end();
        }
        expression.append(depends.substring(last));
        checkExpression(template, where + ".depends '" + depends + "'", expression.toString());
    }

    private void checkHook(String template, String where, String hookName, LifecycleHook hook, WorkflowSpec owner) {
        if (!hook.hasTemplateRef() && owner.template(hook.template()).isEmpty()) {
            problems.add(template, where + " template name '" + hook.template() + "' undefined",
                    "add the template or fix the hook");
        }
        hook.templateRef().filter(r -> references.checked() && !r.name().contains("{{")
                        && !r.template().contains("{{"))
                .filter(r -> references.find(r.clusterScope(), r.name()).flatMap(t -> t.spec().template(r.template()))
                        .isEmpty())
                .ifPresent(r -> problems.add(template, where + " template reference " + r.name() + "." + r.template()
                        + " not found", "give skiff the WorkflowTemplate " + r.name() + " (in the same file, or with"
                        + " --templates DIR), or fix the reference"));
        if (!hookName.equals(LifecycleHook.EXIT) && !hook.expression().isEmpty() && !hook.expression().contains("{{")) {
            checkExpression(template, where + ".expression", hook.expression());
        }
    }

    private void checkRetry(RetryStrategy retry, String template, String where) {
        if (!retry.expression().isEmpty() && !retry.expression().contains("{{")) {
            checkExpression(template, where + ".expression", retry.expression());
        }
        retry.limit().filter(l -> !l.contains("{{")).ifPresent(l -> {
            try {
                Integer.parseInt(l.trim());
            } catch (NumberFormatException e) {
                problems.add(template, where + ".limit '" + l + "' is not a number", "use a whole number");
            }
        });
    }

    /** Every {@code {{=...}}} tag and output expression must parse. */
    private void checkExpressions(Template template) {
        String name = template.name();
        List<String> texts = new ArrayList<>(VariableScope.strings(template.raw()));
        for (String text : texts) {
            List<String> expressions;
            try {
                expressions = TagRenderer.expressionTags(text);
            } catch (TemplateException e) {
                problems.add(name, e.getMessage(), "close every {{ with }}");
                continue;
            }
            for (String source : expressions) {
                checkExpression(name, "expression {{=" + source + "}}", source);
            }
        }
        for (Parameter p : template.outputs().parameters()) {
            p.valueFrom().filter(v -> !v.expression().isEmpty()).ifPresent(v -> checkExpression(name,
                    "templates." + name + ".outputs.parameters." + p.name() + ".valueFrom.expression",
                    v.expression()));
        }
    }

    private void checkExpression(String template, String where, String source) {
        try {
            Expression.compile(source);
        } catch (ExpressionException e) {
            problems.add(template, where + " cannot be parsed: " + e.getMessage(),
                    "write it in expr-lang syntax; index hyphenated names as steps['my-step']");
        }
    }
}
