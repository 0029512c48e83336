package dev.skiff.engine.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.ResourceScope;
import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.WorkflowFormatException;
import dev.skiff.engine.model.WorkflowSpec;
import dev.skiff.engine.model.WorkflowStatus;
import java.util.Optional;

/**
 * The template a node ran, found from the workflow and its status alone (no lookup of WorkflowTemplates): a node
 * called by {@code templateRef}, or resolved in a WorkflowTemplate, finds it in {@code status.storedTemplates}; a
 * Workflow run from {@code workflowTemplateRef} in {@code status.storedWorkflowTemplateSpec}; others in the spec.
 */
public final class NodeTemplates {

    private NodeTemplates() {
    }

    /** The node's template, if the status (or the spec) holds it. */
    public static Optional<Template> of(WorkflowSpec spec, WorkflowStatus status, NodeStatus node) {
        Optional<ObjectNode> raw;
        if (node.templateRef().isPresent()) {
            var ref = node.templateRef().get();
            raw = stored(status, ref.scope().argoName() + "/" + ref.name() + "/" + ref.template());
        } else if (!node.templateScope().isEmpty() && !node.templateScope().startsWith(ResourceScope.LOCAL.argoName()
                + "/")) {
            raw = stored(status, node.templateScope() + "/" + node.templateName());
        } else {
            Optional<Template> local = status.storedWorkflowTemplateSpec().flatMap(NodeTemplates::spec)
                    .flatMap(s -> s.template(node.templateName()));
            return local.isPresent() ? local : spec.template(node.templateName());
        }
        try {
            return raw.map(t -> Template.read(t, "template"));
        } catch (WorkflowFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<ObjectNode> stored(WorkflowStatus status, String key) {
        return Optional.ofNullable(status.storedTemplates().get(key));
    }

    private static Optional<WorkflowSpec> spec(ObjectNode raw) {
        try {
            return Optional.of(WorkflowSpec.of(raw));
        } catch (WorkflowFormatException e) {
            return Optional.empty();
        }
    }
}
