package dev.skiff.engine.controller;

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

    /** The message the workflow fails with, or empty when it may run. */
    static Optional<String> refusal(Workflow wf) {
        Optional<String> reference = TemplateReferenceUse.first(wf.spec().raw());
        if (reference.isPresent()) {
            // The core resolves references through WorkflowTemplates (WorkflowReconciler.of(..., templates)); this
            // controller does not read WorkflowTemplates from the cluster yet, so it refuses rather than fail later.
            return Optional.of(reference.get() + " is not supported by skiff controller yet: it does not read"
                    + " WorkflowTemplates from the cluster (skiff run --templates DIR does)");
        }
        List<LintProblem> problems = WorkflowLinter.lint(wf, Map.of(), ExecutionProfile.CLUSTER);
        Optional<LintProblem> invalid = problems.stream().filter(p -> p.kind() != ProblemKind.UNSUPPORTED)
                .findFirst();
        if (invalid.isPresent()) {
            return Optional.of("invalid spec: " + invalid.get().message());
        }
        return problems.stream().findFirst()
                .map(p -> (p.template().isEmpty() ? "" : "template " + p.template() + ": ") + p.message());
    }
}
