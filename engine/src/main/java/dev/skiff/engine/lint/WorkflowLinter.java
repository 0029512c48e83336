package dev.skiff.engine.lint;

import dev.skiff.engine.core.ReconcileLimits;
import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks a workflow before it runs, as {@code skiff lint} and {@code skiff run} do. Problems come in four
 * groups, in this order: what the Kubernetes API server refuses ({@link ProblemKind#INVALID_OBJECT}: the name);
 * what Argo's validation rejects, found in Argo's order and worded as Argo does (so the first is what Argo
 * reports after {@code invalid spec: }); what Argo accepts but fails on once it runs (unparsable expressions,
 * enum violations, ...); features Skiff does not support yet where the steps will run
 * ({@link ProblemKind#UNSUPPORTED}, see {@link ExecutionProfile}). Each problem names its template and gives a hint.
 */
public final class WorkflowLinter {

    private WorkflowLinter() {
    }

    /** The problems found for a local run ({@code skiff run}) with the default limits; empty when runnable. */
    public static List<LintProblem> lint(Workflow wf, Map<String, String> parameterOverrides) {
        return lint(wf, parameterOverrides, ExecutionProfile.LOCAL, ReconcileLimits.DEFAULT);
    }

    /** The problems found for steps run as {@code profile} says, with the default limits. */
    public static List<LintProblem> lint(Workflow wf, Map<String, String> parameterOverrides,
                                         ExecutionProfile profile) {
        return lint(wf, parameterOverrides, profile, ReconcileLimits.DEFAULT);
    }

    /**
     * The problems found for steps run as {@code profile} says, by a reconciler with {@code limits} (loops whose
     * size is known before the run are checked against them).
     */
    public static List<LintProblem> lint(Workflow wf, Map<String, String> parameterOverrides,
                                         ExecutionProfile profile, ReconcileLimits limits) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(limits, "limits");
        Workflow effective = parameterOverrides.isEmpty() ? wf : wf.withParameterOverrides(parameterOverrides);
        Problems object = new Problems();
        Problems argo = new Problems();
        Problems skiffOnly = new Problems();
        Problems unsupported = new Problems();
        ObjectMetaValidation.check(effective, object);
        new SpecValidation(effective, argo, skiffOnly).run();
        SkiffOnlyChecks extra = new SkiffOnlyChecks(effective.spec(), skiffOnly);
        SupportChecks support = new SupportChecks(effective.spec(), unsupported, limits);
        LocalRunnerChecks local = new LocalRunnerChecks(effective.spec(), unsupported);
        boolean localRun = profile == ExecutionProfile.LOCAL;
        extra.checkWorkflow();
        support.checkWorkflow();
        if (localRun) {
            local.checkWorkflow();
        } else {
            new ClusterChecks(effective.spec(), unsupported).checkWorkflow();
        }
        for (Template template : SupportChecks.reachable(effective.spec())) {
            extra.checkTemplate(template);
            support.checkTemplate(template);
            if (localRun) {
                local.checkTemplate(template);
            }
        }
        Set<LintProblem> all = new LinkedHashSet<>(object.list());
        all.addAll(argo.list());
        all.addAll(skiffOnly.list());
        all.addAll(unsupported.list());
        return new ArrayList<>(all);
    }
}
