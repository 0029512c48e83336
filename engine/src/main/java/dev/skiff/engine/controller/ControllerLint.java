package dev.skiff.engine.controller;

import dev.skiff.engine.core.ReconcileLimits;
import dev.skiff.engine.core.TemplateLookupException;
import dev.skiff.engine.core.WorkflowTemplates;
import dev.skiff.engine.lint.ExecutionProfile;
import dev.skiff.engine.lint.LintProblem;
import dev.skiff.engine.lint.ProblemKind;
import dev.skiff.engine.lint.WorkflowLinter;
import dev.skiff.engine.model.Workflow;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lint as the controller applies it to a new Workflow, with the {@link ExecutionProfile#CLUSTER} profile (steps are
 * pods run by Argo's executor): what Argo's validation rejects fails the workflow with Argo's
 * {@code invalid spec: <first problem>} (as {@code skiff run -o json} records it); a feature Skiff lacks fails it
 * with Skiff's message.
 */
final class ControllerLint {

    private ControllerLint() {
    }

    /**
     * The message the workflow fails with, or empty when it may run. References to WorkflowTemplates are checked
     * against {@code templates} (the controller's informers), as Argo's one-time validation reads them; a
     * {@code workflowTemplateRef} to a missing template is left to the reconciler, which ends the workflow
     * {@code Error} with the NotFound message as Argo's {@code setExecWorkflow} does.
     */
    static Optional<String> refusal(Workflow wf, WorkflowTemplates templates) {
        List<LintProblem> problems;
        try {
            problems = WorkflowLinter.lint(wf, Map.of(), ExecutionProfile.CLUSTER, ReconcileLimits.DEFAULT,
                    Optional.of(templates));
        } catch (TemplateLookupException e) {
            return Optional.of("invalid spec: " + e.getMessage());
        }
        if (problems.stream().anyMatch(p -> p.kind() == ProblemKind.WORKFLOW_TEMPLATE_NOT_FOUND)) {
            return Optional.empty();
        }
        Optional<LintProblem> invalid = problems.stream().filter(p -> p.kind() != ProblemKind.UNSUPPORTED)
                .findFirst();
        if (invalid.isPresent()) {
            return Optional.of("invalid spec: " + invalid.get().message());
        }
        return problems.stream().findFirst()
                .map(p -> (p.template().isEmpty() ? "" : "template " + p.template() + ": ") + p.message());
    }
}
