package dev.skiff.engine.lint;

import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.WorkflowSpec;
import dev.skiff.engine.model.WorkflowTemplate;
import java.util.Optional;

/**
 * Whose templates a call by name finds while Argo validates (its template context): the Workflow's own, or a
 * WorkflowTemplate's or ClusterWorkflowTemplate's that a {@code templateRef} led into.
 *
 * @param scope Argo's template scope, {@code local/} or {@code namespaced/NAME} or {@code cluster/NAME}
 * @param spec  the owner's spec
 */
record TemplateOwner(String scope, WorkflowSpec spec) {

    static TemplateOwner local(WorkflowSpec spec) {
        return new TemplateOwner("local/", spec);
    }

    static TemplateOwner of(WorkflowTemplate resource) {
        return new TemplateOwner(resource.scope().argoName() + "/" + resource.name(), resource.spec());
    }

    boolean isLocal() {
        return scope.startsWith("local/");
    }

    Optional<Template> template(String name) {
        return spec.template(name);
    }

    /** A key naming one template of this owner. */
    String key(String templateName) {
        return scope + "\u0000" + templateName;
    }
}
