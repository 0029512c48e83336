package dev.skiff.engine.lint;

import dev.skiff.engine.core.TemplateLookupException;
import dev.skiff.engine.core.WorkflowTemplates;
import dev.skiff.engine.model.WorkflowTemplate;
import java.util.Optional;

/**
 * The WorkflowTemplates that {@code templateRef} and {@code workflowTemplateRef} are checked against, or none when
 * they live where lint cannot see them (a cluster: {@code skiff submit}), in which case references are not checked
 * and the templates they lead to are not linted.
 */
final class TemplateReferences {

    private final Optional<WorkflowTemplates> templates;
    private final String namespace;

    TemplateReferences(Optional<WorkflowTemplates> templates, String namespace) {
        this.templates = templates;
        this.namespace = namespace;
    }

    /** Whether references are checked at all. */
    boolean checked() {
        return templates.isPresent();
    }

    /** The referenced resource; empty when missing, and when references are not checked. */
    Optional<WorkflowTemplate> find(boolean clusterScope, String name) {
        if (templates.isEmpty()) {
            return Optional.empty();
        }
        try {
            return clusterScope ? templates.get().clusterWorkflowTemplate(name)
                    : templates.get().workflowTemplate(namespace, name);
        } catch (TemplateLookupException e) {
            return Optional.empty();
        }
    }
}
