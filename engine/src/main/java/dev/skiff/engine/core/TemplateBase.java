package dev.skiff.engine.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.ResourceScope;
import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.WorkflowSpec;
import dev.skiff.engine.model.WorkflowTemplate;
import java.util.Optional;

/**
 * Where calls by template name are resolved (Argo's {@code TemplateContext} base): the Workflow's own spec, or
 * the WorkflowTemplate or ClusterWorkflowTemplate a {@code templateRef} led into. A template taken from a
 * WorkflowTemplate calls its siblings by name; those are looked up in that WorkflowTemplate.
 *
 * @param scope       local, namespaced or cluster
 * @param name        the resource's name (the Workflow's; "" for a Workflow run from {@code workflowTemplateRef},
 *                    whose exec spec Argo holds in an object without a name)
 * @param spec        the templates
 * @param podMetadata the resource's {@code spec.podMetadata}, added to the templates taken from a WorkflowTemplate
 */
record TemplateBase(ResourceScope scope, String name, WorkflowSpec spec, Optional<ObjectNode> podMetadata) {

    static TemplateBase local(String name, WorkflowSpec spec) {
        return new TemplateBase(ResourceScope.LOCAL, name, spec, Optional.empty());
    }

    static TemplateBase of(WorkflowTemplate resource) {
        return new TemplateBase(resource.scope(), resource.name(), resource.spec(), resource.podMetadata());
    }

    /** Argo's {@code GetTemplateScope}: {@code <scope>/<name>}, as node statuses record it. */
    String scopeText() {
        return scope.argoName() + "/" + name;
    }

    boolean isLocal() {
        return scope == ResourceScope.LOCAL;
    }

    Optional<Template> template(String templateName) {
        return spec.template(templateName);
    }
}
