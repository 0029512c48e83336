package dev.skiff.engine.model;

import java.util.Objects;

/**
 * One document of a manifest file (YAML documents separated by {@code ---}, or one JSON value), sorted as Argo's
 * CLI sorts them: a Workflow, a WorkflowTemplate or ClusterWorkflowTemplate, one of those that cannot be read, or
 * anything else (which {@code argo submit} and {@code argo lint} pass over).
 */
public sealed interface ManifestDocument {

    /** Its position in the file, from 1 (empty documents are not counted). */
    int number();

    /** The line it starts on, from 1. */
    int line();

    /** For messages: {@code document 2 (line 14)}. */
    default String position() {
        return "document " + number() + " (line " + line() + ")";
    }

    /** An {@code argoproj.io/v1alpha1} Workflow. */
    record WorkflowDoc(int number, int line, Workflow workflow) implements ManifestDocument {
        public WorkflowDoc {
            Objects.requireNonNull(workflow, "workflow");
        }
    }

    /**
     * A document of kind Workflow that is not a readable Workflow (a field of the wrong type).
     *
     * @param name    its {@code metadata.name} or {@code generateName}, or ""
     * @param problem what is wrong, naming the field (not the file)
     */
    record UnreadableWorkflow(int number, int line, String name, String problem) implements ManifestDocument {
        public UnreadableWorkflow {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(problem, "problem");
        }
    }

    /** An {@code argoproj.io/v1alpha1} WorkflowTemplate or ClusterWorkflowTemplate. */
    record TemplateDoc(int number, int line, WorkflowTemplate template) implements ManifestDocument {
        public TemplateDoc {
            Objects.requireNonNull(template, "template");
        }
    }

    /**
     * A document of kind WorkflowTemplate or ClusterWorkflowTemplate that cannot be read (a field of the wrong type).
     *
     * @param kind    {@code WorkflowTemplate} or {@code ClusterWorkflowTemplate}
     * @param name    its {@code metadata.name}, or ""
     * @param problem what is wrong, naming the field (not the file)
     */
    record UnreadableTemplate(int number, int line, String kind, String name, String problem)
            implements ManifestDocument {
        public UnreadableTemplate {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(problem, "problem");
        }
    }

    /**
     * Anything that is not a Workflow, WorkflowTemplate or ClusterWorkflowTemplate.
     *
     * @param description what it is, such as {@code WorkflowTemplate "cron-backfill" (argoproj.io/v1alpha1)} or
     *                    {@code a mapping without apiVersion and kind (keys: foo)}
     */
    record OtherDocument(int number, int line, String description) implements ManifestDocument {
        public OtherDocument {
            Objects.requireNonNull(description, "description");
        }
    }
}
