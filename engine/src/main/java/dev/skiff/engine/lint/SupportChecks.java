package dev.skiff.engine.lint;

import dev.skiff.engine.model.Invocation;
import dev.skiff.engine.model.LifecycleHook;
import dev.skiff.engine.model.Parameter;
import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.TemplateKind;
import dev.skiff.engine.model.WorkflowSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Features Argo runs but Skiff does not support yet, in the templates the workflow can reach. */
final class SupportChecks {

    private final WorkflowSpec spec;
    private final Problems problems;

    SupportChecks(WorkflowSpec spec, Problems problems) {
        this.spec = spec;
        this.problems = problems;
    }

    void checkWorkflow() {
        if (spec.hasWorkflowTemplateRef()) {
            problems.unsupported("", "spec.workflowTemplateRef is not supported by Skiff yet",
                    "copy the WorkflowTemplate's templates into spec.templates");
        }
        if (spec.raw().path("suspend").asBoolean(false)) {
            problems.unsupported("", "spec.suspend is not supported by Skiff yet", "remove spec.suspend");
        }
        ArtifactSupport.check("", "spec.arguments", spec.arguments().artifacts(), problems);
        for (Parameter p : spec.arguments().parameters()) {
            if (p.valueFrom().isPresent()) {
                problems.unsupported("", "spec.arguments." + p.name() + ".valueFrom is not supported by Skiff yet",
                        "give the parameter a value, or pass it with -p " + p.name() + "=VALUE");
            }
        }
        for (Map.Entry<String, LifecycleHook> hook : spec.hooks().entrySet()) {
            checkHook("", "spec.hooks." + hook.getKey(), hook.getValue());
        }
    }

    void checkTemplate(Template template) {
        String name = template.name();
        if (template.kind() != TemplateKind.NONE && !template.kind().isSupported()) {
            problems.unsupported(name, template.kind().field() + " templates are not supported by Skiff yet",
                    "use a container or script template instead");
        }
        if (template.daemon()) {
            problems.unsupported(name, "daemon templates are not supported by Skiff yet", "run the service as a normal step");
        }
        ArtifactSupport.check(name, "templates." + name + ".inputs", template.inputs().artifacts(), problems);
        ArtifactSupport.check(name, "templates." + name + ".outputs", template.outputs().artifacts(), problems);
        int i = 0;
        for (List<? extends Invocation> group : template.steps()) {
            for (Invocation step : group) {
                checkCall(name, step, "templates." + name + ".steps[" + i + "]." + step.name());
            }
            i++;
        }
        template.dag().ifPresent(d -> d.tasks().forEach(t ->
                checkCall(name, t, "templates." + name + ".tasks." + t.name())));
    }

    private void checkCall(String template, Invocation call, String where) {
        if (call.hasTemplateRef()) {
            problems.unsupported(template, where + " uses templateRef, which is not supported by Skiff yet",
                    "copy the referenced template into spec.templates and use template: NAME");
        }
        ArtifactSupport.check(template, where + ".arguments", call.arguments().artifacts(), problems);
        for (Map.Entry<String, LifecycleHook> hook : call.hooks().entrySet()) {
            checkHook(template, where + ".hooks." + hook.getKey(), hook.getValue());
        }
    }

    private void checkHook(String template, String where, LifecycleHook hook) {
        if (hook.hasTemplateRef()) {
            problems.unsupported(template, where + " uses templateRef, which is not supported by Skiff yet",
                    "copy the template into spec.templates");
        }
    }

    /** Templates reachable from the entrypoint, the exit handler and hooks, in the order first reached. */
    static List<Template> reachable(WorkflowSpec spec) {
        Set<String> seen = new HashSet<>();
        List<Template> out = new ArrayList<>();
        ArrayDeque<String> todo = new ArrayDeque<>();
        todo.add(spec.entrypoint());
        spec.exitHook().ifPresent(h -> todo.add(h.template()));
        spec.hooks().values().forEach(h -> todo.add(h.template()));
        while (!todo.isEmpty()) {
            String name = todo.poll();
            if (!seen.add(name)) {
                continue;
            }
            spec.template(name).ifPresent(t -> {
                out.add(t);
                List<Invocation> calls = new ArrayList<>();
                t.steps().forEach(calls::addAll);
                t.dag().ifPresent(d -> calls.addAll(d.tasks()));
                for (Invocation call : calls) {
                    todo.add(call.template());
                    if (!call.onExit().isEmpty()) {
                        todo.add(call.onExit());
                    }
                    call.hooks().values().forEach(h -> todo.add(h.template()));
                }
            });
        }
        return out;
    }
}
