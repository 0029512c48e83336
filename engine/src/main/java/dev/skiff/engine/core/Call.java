package dev.skiff.engine.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.Invocation;
import dev.skiff.engine.model.LifecycleHook;
import dev.skiff.engine.model.TemplateRef;
import dev.skiff.engine.model.WorkflowStep;
import java.util.Optional;

/**
 * What {@code executeTemplate} is asked to run (Argo's TemplateReferenceHolder): a template by name, inline or by
 * {@code templateRef}, called from a step, a DAG task, a hook or the workflow itself, and where the caller
 * resolves it.
 *
 * @param templateName template to run; empty for inline templates and {@code templateRef}
 * @param inline       inline template
 * @param templateRef  a template of a WorkflowTemplate or ClusterWorkflowTemplate
 * @param stepName     the step's name when called from a steps template, else ""
 * @param taskName     the task's name when called from a DAG, else ""
 * @param base         where the caller resolves the call (Argo's tmplCtx): its scope is the node's templateScope
 */
record Call(String templateName, Optional<ObjectNode> inline, Optional<TemplateRef> templateRef, String stepName,
            String taskName, TemplateBase base) {

    static Call of(String templateName, TemplateBase base) {
        return new Call(templateName, Optional.empty(), Optional.empty(), "", "", base);
    }

    static Call of(LifecycleHook hook, TemplateBase base) {
        return new Call(hook.template(), Optional.empty(), hook.templateRef(), "", "", base);
    }

    static Call of(Invocation invocation, TemplateBase base) {
        boolean step = invocation instanceof WorkflowStep;
        return new Call(invocation.template(), invocation.inline(), invocation.templateRef(),
                step ? invocation.name() : "", step ? "" : invocation.name(), base);
    }

    /** The step's or task's name (Argo's {@code GetName} of the holder), "" for hooks and the entrypoint. */
    String callerName() {
        return stepName.isEmpty() ? taskName : stepName;
    }

    /**
     * Argo's {@code resolveTemplateReference}: the key under which the template is stored in
     * {@code status.storedTemplates}; empty for a Workflow's own templates, which are not stored.
     */
    Optional<String> storedKey() {
        if (templateRef.isPresent()) {
            TemplateRef ref = templateRef.get();
            return Optional.of(ref.scope().argoName() + "/" + ref.name() + "/" + ref.template());
        }
        if (base.isLocal()) {
            return Optional.empty();
        }
        String prefix = base.scope().argoName() + "/" + base.name() + "/";
        return Optional.of(inline.isPresent() ? prefix + "inline/" + callerName() : prefix + templateName);
    }
}
