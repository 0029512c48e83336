package dev.skiff.engine.cli;

import dev.skiff.engine.core.ArtifactRepository;
import dev.skiff.engine.core.ReconcileLimits;
import dev.skiff.engine.core.WorkflowAdmission;
import dev.skiff.engine.core.WorkflowReconciler;
import dev.skiff.engine.core.WorkflowTemplates;
import dev.skiff.engine.lint.LintProblem;
import dev.skiff.engine.lint.ProblemKind;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowFormatException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Workflow {@code skiff run -o json|yaml} prints when lint refuses to run it: what Argo records for a
 * workflow its validation rejects (phase Failed, {@code invalid spec: <first problem>}, no nodes, progress
 * {@code 0/0}). When every problem is a feature Skiff lacks, the same shape with Skiff's message. A Workflow whose
 * {@code workflowTemplateRef} names no WorkflowTemplate gets what Argo's controller records for it: Error with the
 * Kubernetes NotFound message.
 */
final class LintRefusal {

    private LintRefusal() {
    }

    /**
     * The refused workflow; empty when there is nothing to show: no problems, or a Workflow the Kubernetes API
     * server would not even store ({@link ProblemKind#INVALID_OBJECT}, such as an invalid name).
     */
    static Optional<Workflow> document(Workflow wf, Map<String, String> overrides, List<LintProblem> problems,
                                       Instant now) {
        if (problems.isEmpty() || problems.stream().anyMatch(p -> p.kind() == ProblemKind.INVALID_OBJECT)) {
            return Optional.empty();
        }
        Workflow admitted;
        try {
            admitted = WorkflowAdmission.admit(wf, overrides, now, new SecureRandom());
        } catch (WorkflowFormatException e) {
            return Optional.empty();
        }
        if (problems.stream().anyMatch(p -> p.kind() == ProblemKind.WORKFLOW_TEMPLATE_NOT_FOUND)) {
            // Argo's controller errors such a workflow before validating it: what the reconciler gives.
            WorkflowReconciler reconciler = WorkflowReconciler.of(admitted, ArtifactRepository.NONE,
                    ReconcileLimits.DEFAULT, WorkflowTemplates.NONE);
            reconciler.reconcile(List.of(), now);
            return Optional.of(reconciler.workflow());
        }
        Optional<LintProblem> invalid = problems.stream().filter(p -> p.kind() == ProblemKind.INVALID).findFirst();
        if (invalid.isPresent()) {
            return Optional.of(WorkflowAdmission.reject(admitted, invalid.get().message(), now));
        }
        LintProblem unsupported = problems.getFirst();
        String where = unsupported.template().isEmpty() ? "" : "template " + unsupported.template() + ": ";
        return Optional.of(WorkflowAdmission.failedBeforeStart(admitted, where + unsupported.message(), now));
    }
}
