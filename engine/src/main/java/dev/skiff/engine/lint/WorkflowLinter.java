package dev.skiff.engine.lint;

import dev.skiff.engine.model.LifecycleHook;
import dev.skiff.engine.model.Parameter;
import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a workflow before it runs, as {@code skiff lint} and {@code skiff run} do: what Argo's validator
 * rejects and is cheap to check (unknown templates, DAG cycles, unknown {@code depends} targets, missing
 * parameters, enum violations, unparsable expressions, unresolvable variables), plus features Skiff does
 * not support yet. Each problem names its template and gives a hint.
 */
public final class WorkflowLinter {

    private WorkflowLinter() {
    }

    /** The problems found; empty when the workflow looks runnable. */
    public static List<LintProblem> lint(Workflow wf, Map<String, String> parameterOverrides) {
        Problems problems = new Problems();
        Workflow effective = parameterOverrides.isEmpty() ? wf : wf.withParameterOverrides(parameterOverrides);
        WorkflowSpec spec = effective.spec();
        checkWorkflow(spec, problems);
        Set<String> names = new HashSet<>();
        Set<String> reachable = reachable(spec);
        for (Template template : spec.templates()) {
            if (template.name().isEmpty()) {
                problems.add("", "a template has no name", "give every template in spec.templates a name");
            } else if (!names.add(template.name())) {
                problems.add(template.name(), "template name '" + template.name() + "' is not unique",
                        "rename one of the templates");
            }
            // Argo validates only the templates the workflow can reach.
            if (reachable.contains(template.name())) {
                new TemplateChecks(spec, template, problems).check();
            }
        }
        return problems.list();
    }

    /** Templates reachable from the entrypoint, the exit handler and hooks. */
    private static Set<String> reachable(WorkflowSpec spec) {
        Set<String> seen = new HashSet<>();
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>();
        todo.add(spec.entrypoint());
        spec.exitHook().ifPresent(h -> todo.add(h.template()));
        spec.hooks().values().forEach(h -> todo.add(h.template()));
        while (!todo.isEmpty()) {
            String name = todo.poll();
            if (!seen.add(name)) {
                continue;
            }
            spec.template(name).ifPresent(t -> {
                List<dev.skiff.engine.model.Invocation> calls = new java.util.ArrayList<>();
                t.steps().forEach(calls::addAll);
                t.dag().ifPresent(d -> calls.addAll(d.tasks()));
                for (var call : calls) {
                    todo.add(call.template());
                    if (!call.onExit().isEmpty()) {
                        todo.add(call.onExit());
                    }
                    call.hooks().values().forEach(h -> todo.add(h.template()));
                }
            });
        }
        return seen;
    }

    private static void checkWorkflow(WorkflowSpec spec, Problems problems) {
        if (spec.hasWorkflowTemplateRef()) {
            problems.unsupported("", "spec.workflowTemplateRef is not supported by Skiff yet",
                    "copy the WorkflowTemplate's templates into spec.templates");
        }
        if (spec.entrypoint().isEmpty()) {
            problems.add("", "spec.entrypoint is required", "name the template to start with in spec.entrypoint");
        } else if (spec.template(spec.entrypoint()).isEmpty()) {
            problems.add("", "template name '" + spec.entrypoint() + "' undefined",
                    "add a template named " + spec.entrypoint() + " or fix spec.entrypoint");
        }
        if (spec.raw().path("suspend").asBoolean(false)) {
            problems.unsupported("", "spec.suspend is not supported by Skiff yet", "remove spec.suspend");
        }
        if (spec.arguments().artifactCount() > 0) {
            problems.unsupported("", "spec.arguments.artifacts are not supported by Skiff yet", "pass values as parameters");
        }
        for (Parameter p : spec.arguments().parameters()) {
            String prefix = "spec.arguments." + p.name();
            if (p.valueFrom().isPresent()) {
                problems.unsupported("", prefix + ".valueFrom is not supported by Skiff yet",
                        "give the parameter a value, or pass it with -p " + p.name() + "=VALUE");
            } else if (p.value().isEmpty()) {
                problems.add("", prefix + ".value or " + prefix + ".valueFrom is required",
                        "give the parameter a value, or pass it with -p " + p.name() + "=VALUE");
            } else if (!p.enumValues().isEmpty() && !p.enumValues().contains(p.value().get())) {
                problems.add("", prefix + ".value should be present in " + prefix + ".enum list",
                        "use one of " + p.enumValues());
            }
        }
        if (!spec.onExit().isEmpty() && spec.template(spec.onExit()).isEmpty()) {
            problems.add("", "spec.onExit template '" + spec.onExit() + "' is undefined",
                    "add the template or fix spec.onExit");
        }
        for (Map.Entry<String, LifecycleHook> hook : spec.hooks().entrySet()) {
            TemplateChecks.checkHook(spec, "", "spec.hooks." + hook.getKey(), hook.getKey(), hook.getValue(), problems);
        }
        spec.retryStrategy().ifPresent(r -> TemplateChecks.checkRetry(r, "", "spec.retryStrategy", problems));
    }
}
