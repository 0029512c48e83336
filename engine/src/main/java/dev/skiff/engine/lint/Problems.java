package dev.skiff.engine.lint;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects lint problems without duplicates, in the order found. */
final class Problems {

    private final Set<LintProblem> problems = new LinkedHashSet<>();

    /** A problem Argo's validation rejects as well. */
    void add(String template, String message, String hint) {
        problems.add(new LintProblem(template, message, hint, ProblemKind.INVALID));
    }

    /** Something the Kubernetes API server refuses before Argo sees the workflow. */
    void invalidObject(String message, String hint) {
        problems.add(new LintProblem("", message, hint, ProblemKind.INVALID_OBJECT));
    }

    /** The WorkflowTemplate of {@code spec.workflowTemplateRef} is missing (see {@link ProblemKind}). */
    void workflowTemplateNotFound(String message, String hint) {
        problems.add(new LintProblem("", message, hint, ProblemKind.WORKFLOW_TEMPLATE_NOT_FOUND));
    }

    /** Something Argo runs but Skiff does not support yet. */
    void unsupported(String template, String message, String hint) {
        problems.add(new LintProblem(template, message, hint, ProblemKind.UNSUPPORTED));
    }

    List<LintProblem> list() {
        return new ArrayList<>(problems);
    }
}
