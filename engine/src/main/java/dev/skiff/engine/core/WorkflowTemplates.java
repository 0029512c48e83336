package dev.skiff.engine.core;

import dev.skiff.engine.model.WorkflowTemplate;
import java.util.Collection;
import java.util.Optional;

/**
 * Where the reconciler and the linter find the WorkflowTemplates and ClusterWorkflowTemplates that
 * {@code templateRef} and {@code spec.workflowTemplateRef} name (Argo's {@code WorkflowTemplateNamespacedGetter}
 * and {@code ClusterWorkflowTemplateGetter}). Implementations do no I/O while called: {@code skiff run} reads files
 * first ({@link #of}); a controller answers from its informers' caches. A lookup that cannot be answered (no
 * permission to read ClusterWorkflowTemplates, a cache not synced) throws {@link TemplateLookupException}, whose
 * message the workflow gets.
 */
public interface WorkflowTemplates {

    /** No templates at all: every reference is "not found". */
    WorkflowTemplates NONE = new WorkflowTemplates() {
        @Override
        public Optional<WorkflowTemplate> workflowTemplate(String namespace, String name) {
            return Optional.empty();
        }

        @Override
        public Optional<WorkflowTemplate> clusterWorkflowTemplate(String name) {
            return Optional.empty();
        }
    };

    /**
     * The WorkflowTemplate {@code name} in {@code namespace}: the Workflow's namespace ("" for a local run, which
     * has none).
     */
    Optional<WorkflowTemplate> workflowTemplate(String namespace, String name);

    /** The ClusterWorkflowTemplate {@code name}. */
    Optional<WorkflowTemplate> clusterWorkflowTemplate(String name);

    /**
     * The templates of local files, as {@code skiff run} and {@code skiff lint} use them (see
     * {@link WorkflowTemplateCatalog} for how namespaces are matched).
     *
     * @throws IllegalArgumentException when two WorkflowTemplates, or two ClusterWorkflowTemplates, share a name
     */
    static WorkflowTemplates of(Collection<WorkflowTemplate> templates) {
        return WorkflowTemplateCatalog.of(templates);
    }
}
