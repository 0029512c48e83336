package dev.skiff.engine.lint;

import dev.skiff.engine.core.ReconcileLimits;
import dev.skiff.engine.core.WorkflowSpecMerge;
import dev.skiff.engine.core.WorkflowTemplates;
import dev.skiff.engine.golang.GoStrconv;
import dev.skiff.engine.model.ResourceScope;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowFormatException;
import dev.skiff.engine.model.WorkflowSpec;
import dev.skiff.engine.model.WorkflowTemplate;
import dev.skiff.engine.model.WorkflowTemplateRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a workflow before it runs, as {@code skiff lint} and {@code skiff run} do. Problems come in four
 * groups, in this order: what the Kubernetes API server refuses ({@link ProblemKind#INVALID_OBJECT}: the name);
 * what Argo's validation rejects, found in Argo's order and worded as Argo does (so the first is what Argo
 * reports after {@code invalid spec: }); what Argo accepts but fails on once it runs (unparsable expressions,
 * enum violations, ...); features Skiff does not support yet where the steps will run
 * ({@link ProblemKind#UNSUPPORTED}, see {@link ExecutionProfile}). Each problem names its template and gives a hint.
 *
 * <p>{@code templateRef} and {@code spec.workflowTemplateRef} are checked against the WorkflowTemplates given
 * ({@code skiff run} and {@code skiff lint}: those of the files), and the templates they lead to are linted like the
 * workflow's own. Without them (the overloads that take none, as {@code skiff submit} uses: the templates are in
 * the cluster) references are not checked.
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
     * size is known before the run are checked against them); references to WorkflowTemplates are not checked.
     */
    public static List<LintProblem> lint(Workflow wf, Map<String, String> parameterOverrides,
                                         ExecutionProfile profile, ReconcileLimits limits) {
        return lint(wf, parameterOverrides, profile, limits, Optional.empty());
    }

    /**
     * Likewise, checking {@code templateRef} and {@code workflowTemplateRef} against {@code templates} when given.
     */
    public static List<LintProblem> lint(Workflow wf, Map<String, String> parameterOverrides,
                                         ExecutionProfile profile, ReconcileLimits limits,
                                         Optional<WorkflowTemplates> templates) {
        return lint(wf, parameterOverrides, profile, limits, templates, LocalArtifactSetup.NONE);
    }

    /**
     * Likewise, for a local run given {@code artifacts} (an S3 repository, store plugins, secrets), which decides
     * the artifact locations it accepts.
     */
    public static List<LintProblem> lint(Workflow wf, Map<String, String> parameterOverrides,
                                         ExecutionProfile profile, ReconcileLimits limits,
                                         Optional<WorkflowTemplates> templates, LocalArtifactSetup artifacts) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(limits, "limits");
        Workflow effective = parameterOverrides.isEmpty() ? wf : wf.withParameterOverrides(parameterOverrides);
        TemplateReferences references = new TemplateReferences(templates, effective.namespace());
        Problems object = new Problems();
        Problems argo = new Problems();
        Problems skiffOnly = new Problems();
        Problems unsupported = new Problems();
        ObjectMetaValidation.check(effective, object);
        new SpecValidation(effective, argo, skiffOnly, references, false).run();
        WorkflowSpec spec = execSpec(effective.spec(), references);
        checkTemplates(spec, ReachableTemplates.of(spec, references), profile, limits, references, skiffOnly,
                unsupported, artifacts);
        return join(object, argo, skiffOnly, unsupported);
    }

    /**
     * The problems of a WorkflowTemplate or ClusterWorkflowTemplate linted on its own, as {@code argo template lint}
     * ({@code validate.WorkflowTemplate}: its entrypoint optional, parameters without values and any
     * {@code workflow.parameters} allowed), then what Skiff cannot run of its templates where {@code profile} says.
     */
    public static List<LintProblem> lint(WorkflowTemplate template, ExecutionProfile profile, ReconcileLimits limits,
                                         Optional<WorkflowTemplates> templates) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(limits, "limits");
        TemplateReferences references = new TemplateReferences(templates, template.namespace());
        Problems object = new Problems();
        Problems argo = new Problems();
        Problems skiffOnly = new Problems();
        Problems unsupported = new Problems();
        ObjectMetaValidation.check(template.name(), template.generateName(), object);
        if (template.name().length() > 63) {
            argo.add("", (template.scope() == ResourceScope.CLUSTER ? "cluster workflow template" : "workflow template")
                    + " name " + GoStrconv.quote(template.name()) + " must not be more than 63 characters long"
                    + " (currently " + template.name().length() + ")", "shorten metadata.name");
        }
        new SpecValidation(template.asWorkflow(), argo, skiffOnly, references, true).run();
        WorkflowSpec spec = execSpec(template.spec(), references);
        checkTemplates(spec, ReachableTemplates.ofEvery(spec, references), profile, limits, references, skiffOnly,
                unsupported, LocalArtifactSetup.NONE);
        return join(object, argo, skiffOnly, unsupported);
    }

    /** What Skiff itself checks, for the workflow and each template it can reach. */
    private static void checkTemplates(WorkflowSpec spec, List<ReachableTemplates.Reached> reached,
                                       ExecutionProfile profile, ReconcileLimits limits, TemplateReferences references,
                                       Problems skiffOnly, Problems unsupported, LocalArtifactSetup artifacts) {
        SkiffOnlyChecks extra = new SkiffOnlyChecks(spec, skiffOnly, references);
        boolean localRun = profile == ExecutionProfile.LOCAL;
        SupportChecks support = new SupportChecks(spec, unsupported, limits, localRun);
        LocalRunnerChecks local = new LocalRunnerChecks(spec, unsupported, artifacts);
        PlacementChecks placement = new PlacementChecks(skiffOnly);
        PlacementChecks localPlacement = new PlacementChecks(unsupported);
        extra.checkWorkflow();
        support.checkWorkflow();
        ClusterChecks cluster = new ClusterChecks(spec, unsupported);
        if (localRun) {
            local.checkWorkflow();
        } else {
            cluster.checkWorkflow();
        }
        for (ReachableTemplates.Reached r : reached) {
            extra.checkTemplate(r.template(), r.owner().spec());
            support.checkTemplate(r.template());
            placement.checkTemplate(r.template());
            if (localRun) {
                local.checkTemplate(r.template());
                localPlacement.checkLocalTemplate(r.template());
            } else {
                cluster.checkTemplate(r.template(), r.template().name().equals(spec.entrypoint())
                        && r.owner().scope().equals("local/"));
            }
        }
    }

    /** The spec that runs: for a {@code workflowTemplateRef} that resolves, merged over the WorkflowTemplate's. */
    private static WorkflowSpec execSpec(WorkflowSpec spec, TemplateReferences references) {
        Optional<WorkflowTemplateRef> ref = spec.workflowTemplateRef();
        if (ref.isEmpty() || !spec.templates().isEmpty()) {
            return spec;
        }
        Optional<WorkflowTemplate> resource = references.find(ref.get().clusterScope(), ref.get().name());
        if (resource.isEmpty()) {
            return spec;
        }
        try {
            return WorkflowSpecMerge.join(spec, resource.get().spec());
        } catch (WorkflowFormatException e) {
            return spec;
        }
    }

    private static List<LintProblem> join(Problems... groups) {
        Set<LintProblem> all = new LinkedHashSet<>();
        for (Problems group : groups) {
            all.addAll(group.list());
        }
        return new ArrayList<>(all);
    }
}
