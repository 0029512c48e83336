package dev.skiff.engine.controller;

import dev.skiff.engine.lint.LintProblem;
import dev.skiff.engine.lint.ProblemKind;
import dev.skiff.engine.lint.WorkflowLinter;
import dev.skiff.engine.model.Workflow;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lint as the controller applies it to a new Workflow: what Argo's validation rejects fails the workflow with
 * Argo's {@code invalid spec: <first problem>} (as {@code skiff run -o json} records it); a feature Skiff lacks
 * fails it with Skiff's message. Refusals that only concern the local runner ({@code spec.suspend}, artifact
 * stores only the local executor cannot reach) do not apply in a cluster; they are recognised by their wording
 * until the linter takes an execution profile.
 */
final class ControllerLint {

    private ControllerLint() {
    }

    /** The message the workflow fails with, or empty when it may run. */
    static Optional<String> refusal(Workflow wf) {
        List<LintProblem> problems = WorkflowLinter.lint(wf, Map.of()).stream()
                .filter(p -> p.kind() == ProblemKind.INVALID || !localRunnerOnly(p)).toList();
        Optional<LintProblem> invalid = problems.stream().filter(p -> p.kind() == ProblemKind.INVALID).findFirst();
        if (invalid.isPresent()) {
            return Optional.of("invalid spec: " + invalid.get().message());
        }
        return problems.stream().findFirst()
                .map(p -> (p.template().isEmpty() ? "" : "template " + p.template() + ": ") + p.message());
    }

    private static boolean localRunnerOnly(LintProblem p) {
        return p.message().endsWith("not supported by the local executor")
                || p.message().startsWith("spec.suspend is not supported");
    }
}
