package dev.skiff.engine.lint;

import dev.skiff.engine.model.Invocation;
import dev.skiff.engine.model.LifecycleHook;
import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.TemplateRef;
import dev.skiff.engine.model.WorkflowSpec;
import dev.skiff.engine.model.WorkflowTemplate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The templates a workflow can run, in the order first reached: from its roots (the entrypoint, the exit handler
 * and hooks) through steps, tasks, their exit handlers and hooks, by name within the same owner and by
 * {@code templateRef} into WorkflowTemplates (when references are checked), where names resolve in that
 * WorkflowTemplate.
 */
final class ReachableTemplates {

    /**
     * A reachable template and whose it is.
     *
     * @param template the template
     * @param owner    the spec its calls by name resolve in
     */
    record Reached(Template template, TemplateOwner owner) {
    }

    private record Todo(TemplateOwner owner, String name, Optional<TemplateRef> ref) {
    }

    private final TemplateReferences references;
    private final Set<String> seen = new HashSet<>();
    private final List<Reached> out = new ArrayList<>();
    private final ArrayDeque<Todo> todo = new ArrayDeque<>();

    private ReachableTemplates(TemplateReferences references) {
        this.references = references;
    }

    /** What a workflow with this spec reaches from its entrypoint, exit handler and hooks. */
    static List<Reached> of(WorkflowSpec spec, TemplateReferences references) {
        ReachableTemplates walk = new ReachableTemplates(references);
        TemplateOwner local = TemplateOwner.local(spec);
        walk.add(local, spec.entrypoint(), Optional.empty());
        spec.exitHook().ifPresent(h -> walk.add(local, h.template(), h.templateRef()));
        spec.hooks().values().forEach(h -> walk.add(local, h.template(), h.templateRef()));
        return walk.run();
    }

    /** Every template of a WorkflowTemplate linted on its own, and what they reach. */
    static List<Reached> ofEvery(WorkflowSpec spec, TemplateReferences references) {
        ReachableTemplates walk = new ReachableTemplates(references);
        TemplateOwner local = TemplateOwner.local(spec);
        spec.templates().forEach(t -> walk.add(local, t.name(), Optional.empty()));
        spec.hooks().values().forEach(h -> walk.add(local, h.template(), h.templateRef()));
        return walk.run();
    }

    private void add(TemplateOwner owner, String name, Optional<TemplateRef> ref) {
        todo.add(new Todo(owner, name, ref));
    }

    private List<Reached> run() {
        while (!todo.isEmpty()) {
            Todo next = todo.poll();
            Optional<Reached> found = resolve(next);
            if (found.isEmpty() || !seen.add(found.get().owner().key(found.get().template().name()))) {
                continue;
            }
            Reached reached = found.get();
            out.add(reached);
            List<Invocation> calls = new ArrayList<>();
            reached.template().steps().forEach(calls::addAll);
            reached.template().dag().ifPresent(d -> calls.addAll(d.tasks()));
            for (Invocation call : calls) {
                add(reached.owner(), call.template(), call.templateRef());
                if (!call.onExit().isEmpty()) {
                    add(reached.owner(), call.onExit(), Optional.empty());
                }
                for (LifecycleHook h : call.hooks().values()) {
                    add(reached.owner(), h.template(), h.templateRef());
                }
            }
        }
        return out;
    }

    private Optional<Reached> resolve(Todo next) {
        if (next.ref().isEmpty()) {
            return next.owner().template(next.name()).map(t -> new Reached(t, next.owner()));
        }
        TemplateRef ref = next.ref().get();
        Optional<WorkflowTemplate> resource = references.find(ref.clusterScope(), ref.name());
        return resource.flatMap(r -> r.spec().template(ref.template()).map(t -> new Reached(t, TemplateOwner.of(r))));
    }
}
