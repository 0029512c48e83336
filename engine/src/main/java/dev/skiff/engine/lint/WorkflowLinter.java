package dev.skiff.engine.lint;

import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a workflow before it runs, as {@code skiff lint} and {@code skiff run} do. Problems come in three
 * groups, in this order: what Argo's validation rejects, found in Argo's order and worded as Argo does (so
 * the first is what Argo reports after {@code invalid spec: }); what Argo accepts but fails on once it runs
 * (unparsable expressions, enum violations, ...); features Skiff does not support yet
 * ({@link ProblemKind#UNSUPPORTED}). Each problem names its template and gives a hint.
 */
public final class WorkflowLinter {

    private WorkflowLinter() {
    }

    /** The problems found; empty when the workflow looks runnable. */
    public static List<LintProblem> lint(Workflow wf, Map<String, String> parameterOverrides) {
        Workflow effective = parameterOverrides.isEmpty() ? wf : wf.withParameterOverrides(parameterOverrides);
        Problems argo = new Problems();
        Problems skiffOnly = new Problems();
        Problems unsupported = new Problems();
        new SpecValidation(effective, argo, skiffOnly).run();
        SkiffOnlyChecks extra = new SkiffOnlyChecks(effective.spec(), skiffOnly);
        SupportChecks support = new SupportChecks(effective.spec(), unsupported);
        extra.checkWorkflow();
        support.checkWorkflow();
        for (Template template : SupportChecks.reachable(effective.spec())) {
            extra.checkTemplate(template);
            support.checkTemplate(template);
        }
        Set<LintProblem> all = new LinkedHashSet<>(argo.list());
        all.addAll(skiffOnly.list());
        all.addAll(unsupported.list());
        return new ArrayList<>(all);
    }
}
