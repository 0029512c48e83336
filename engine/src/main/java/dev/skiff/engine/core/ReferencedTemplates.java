package dev.skiff.engine.core;

import dev.skiff.engine.model.Invocation;
import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.TemplateRef;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowTemplate;
import dev.skiff.engine.model.WorkflowTemplateRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What Argo's controller stores in {@code status.storedTemplates} before a workflow's first step: its one-time
 * validation ({@code validate.Workflow} on the Workflow object) resolves every template the entrypoint, the exit
 * handler and each template lead to, and each resolution through a WorkflowTemplate stores the template. From
 * then on the workflow runs those copies. Hooks are not followed (Argo's validation only checks their
 * expressions); references whose names hold {@code {{...}}} are skipped, as Argo skips them.
 */
final class ReferencedTemplates {

    private final Ctx ctx;
    private final Set<String> walked = new HashSet<>();

    private ReferencedTemplates(Ctx ctx) {
        this.ctx = ctx;
    }

    /** Stores the templates Argo's validation of {@code wf} would store (nothing for a Workflow without refs). */
    static void store(Ctx ctx, Workflow wf) {
        new ReferencedTemplates(ctx).walk(wf);
    }

    private void walk(Workflow wf) {
        TemplateBase local = ctx.localBase;
        Optional<WorkflowTemplateRef> ref = wf.spec().workflowTemplateRef();
        if (ref.isEmpty()) {
            visit(Call.of(wf.spec().entrypoint(), local));
            if (!wf.spec().onExit().isEmpty()) {
                visit(Call.of(wf.spec().onExit(), local));
            }
            for (Template t : wf.spec().templates()) {
                visit(Call.of(t.name(), local));
            }
            return;
        }
        Optional<WorkflowTemplate> resource;
        try {
            resource = TemplateResolution.lookup(ctx, ref.get().clusterScope(), ref.get().name());
        } catch (ReconcileException e) {
            return;
        }
        if (resource.isEmpty()) {
            return;
        }
        String entrypoint = wf.spec().entrypoint().isEmpty() ? resource.get().spec().entrypoint()
                : wf.spec().entrypoint();
        String onExit = wf.spec().onExit().isEmpty() ? resource.get().spec().onExit() : wf.spec().onExit();
        List<String> names = new ArrayList<>();
        names.add(entrypoint);
        if (!onExit.isEmpty()) {
            names.add(onExit);
        }
        resource.get().spec().templates().forEach(t -> names.add(t.name()));
        for (String name : names) {
            visit(new Call("", Optional.empty(), Optional.of(ref.get().toTemplateRef(name)), "", "", local));
        }
    }

    private void visit(Call call) {
        if (call.templateRef().map(ReferencedTemplates::unresolved).orElse(false)
                || call.templateName().contains("{{")) {
            return;
        }
        TemplateResolution.Resolved resolved;
        try {
            resolved = TemplateResolution.resolve(ctx, call);
        } catch (ReconcileException e) {
            return;
        }
        Template template = resolved.template();
        if (call.inline().isEmpty() && !walked.add(resolved.base().scopeText() + "\u0000" + template.name())) {
            return;
        }
        List<Invocation> calls = new ArrayList<>();
        template.steps().forEach(calls::addAll);
        template.dag().ifPresent(d -> calls.addAll(d.tasks()));
        for (Invocation c : calls) {
            visit(Call.of(c, resolved.base()));
        }
    }

    private static boolean unresolved(TemplateRef ref) {
        return ref.name().contains("{{") || ref.template().contains("{{");
    }
}
