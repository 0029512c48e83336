package dev.skiff.engine.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.Invocation;
import dev.skiff.engine.model.LifecycleHook;
import dev.skiff.engine.model.WorkflowStep;
import java.util.Optional;

/**
 * What {@code executeTemplate} is asked to run (Argo's TemplateReferenceHolder): a template by name or
 * inline, called from a step, a DAG task, a hook or the workflow itself.
 *
 * @param templateName   template to run; empty for inline templates
 * @param inline         inline template
 * @param hasTemplateRef uses templateRef (not supported)
 * @param stepName       the step's name when called from a steps template, else ""
 * @param taskName       the task's name when called from a DAG, else ""
 */
record Call(String templateName, Optional<ObjectNode> inline, boolean hasTemplateRef, String stepName,
            String taskName) {

    static Call of(String templateName) {
        return new Call(templateName, Optional.empty(), false, "", "");
    }

    static Call of(LifecycleHook hook) {
        return new Call(hook.template(), Optional.empty(), hook.hasTemplateRef(), "", "");
    }

    static Call of(Invocation invocation) {
        boolean step = invocation instanceof WorkflowStep;
        return new Call(invocation.template(), invocation.inline(), invocation.hasTemplateRef(),
                step ? invocation.name() : "", step ? "" : invocation.name());
    }
}
