package dev.skiff.engine.core;

import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.model.Outputs;
import dev.skiff.engine.model.Parameter;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowPhase;
import dev.skiff.engine.model.WorkflowStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The pure reconciler of one workflow, with Argo's semantics. Give it what happened (observations) and
 * the time; it updates the status and says what to do ({@link Decision}s). It does no I/O, reads no
 * clock and starts no thread, so the same inputs always give the same result. Its state is the status:
 * a reconciler built from a workflow with a status carries on where the last one stopped (steps still
 * running are re-attached with idempotent {@link Decision.StartStep}s). Not thread-safe.
 */
public final class WorkflowReconciler {

    private static final System.Logger LOG = System.getLogger(WorkflowReconciler.class.getName());
    /** Passes a reconcile may add when one settled something without waking anything (see reconcile). */
    private static final int MAX_EXTRA_PASSES = 8;

    private final Workflow workflow;
    private final ExecSpec exec;
    private final Ctx ctx;
    private final WorkflowState wfState;
    private final WorkflowOperator operator;

    private WorkflowReconciler(Workflow workflow, ArtifactRepository artifacts, ReconcileLimits limits,
                               WorkflowTemplates templates, ConfigMapStore configMaps) {
        this.workflow = workflow;
        Map<String, NodeStatus> nodes = workflow.status().map(WorkflowStatus::nodes).orElse(Map.of());
        RunState state = new RunState(workflow.name(), nodes);
        this.exec = ExecSpec.of(workflow, templates);
        this.ctx = new Ctx(state, exec.spec(), workflow.name(), workflow.namespace(), workflow.uid(), artifacts,
                limits, templates);
        ctx.recordedTargets = NodeTargets.of(workflow.name(), workflow.annotations());
        ctx.configMaps = configMaps;
        workflow.status().map(WorkflowStatus::storedTemplates).ifPresent(ctx.storedTemplates::putAll);
        workflow.status().flatMap(WorkflowStatus::outputs).ifPresent(o -> {
            o.parameters().forEach(p -> ctx.globalOutputs.put(p.name(), p.value().orElse("")));
            o.artifacts().forEach(a -> ctx.globalArtifacts.put(a.name(), a));
        });
        this.wfState = new WorkflowState(state,
                workflow.status().map(WorkflowStatus::phase).filter(p -> p != WorkflowPhase.PENDING
                        || !workflow.status().get().nodes().isEmpty()),
                workflow.status().flatMap(WorkflowStatus::startedAt),
                workflow.status().flatMap(WorkflowStatus::finishedAt),
                workflow.status().map(WorkflowStatus::message).orElse(""), labels(workflow, exec),
                workflow.status().map(WorkflowStatus::conditions).orElse(List.of()));
        this.operator = new WorkflowOperator(ctx, workflow, wfState);
        // Argo's GetShutdownStrategy and ShouldSuspend read the exec spec (a workflowTemplateRef's merged spec keeps
        // the Workflow's shutdown and suspend).
        Shutdown.Strategy.fromArgoName(ctx.spec.shutdown()).ifPresent(s -> ctx.shutdown = Optional.of(Shutdown.of(s)));
        ctx.suspended = ctx.spec.suspend();
        if (wfState.phase().isEmpty() && exec.error().isEmpty()) {
            // Argo's one-time validation when the workflow starts resolves (and stores) every referenced template.
            ReferencedTemplates.store(ctx, workflow);
        }
    }

    private static Map<String, String> labels(Workflow workflow, ExecSpec exec) {
        if (exec.labels().isEmpty()) {
            return workflow.labels();
        }
        Map<String, String> labels = new java.util.LinkedHashMap<>(workflow.labels());
        labels.putAll(exec.labels());
        return labels;
    }

    /**
     * A reconciler for a workflow that has a name (see {@link WorkflowAdmission}); its status, if any, is
     * where it carries on.
     */
    public static WorkflowReconciler of(Workflow workflow) {
        return of(workflow, ArtifactRepository.NONE);
    }

    /** Likewise, storing artifacts without a location of their own in {@code artifacts}. */
    public static WorkflowReconciler of(Workflow workflow, ArtifactRepository artifacts) {
        return of(workflow, artifacts, ReconcileLimits.DEFAULT);
    }

    /** Likewise, within {@code limits} (a loop over them errors its node); no WorkflowTemplates exist. */
    public static WorkflowReconciler of(Workflow workflow, ArtifactRepository artifacts, ReconcileLimits limits) {
        return of(workflow, artifacts, limits, WorkflowTemplates.NONE);
    }

    /**
     * Likewise, finding the WorkflowTemplates and ClusterWorkflowTemplates that {@code templateRef} and
     * {@code spec.workflowTemplateRef} name in {@code templates}. Templates already in the status
     * ({@code storedTemplates}, {@code storedWorkflowTemplateSpec}) are used before {@code templates}, as Argo does.
     */
    public static WorkflowReconciler of(Workflow workflow, ArtifactRepository artifacts, ReconcileLimits limits,
                                        WorkflowTemplates templates) {
        return of(workflow, artifacts, limits, templates, ConfigMapStore.NONE);
    }

    /**
     * Likewise, reading {@code valueFrom.configMapKeyRef} parameters from {@code configMaps} (Argo's informer of
     * ConfigMaps labelled {@code workflows.argoproj.io/configmap-type}).
     */
    public static WorkflowReconciler of(Workflow workflow, ArtifactRepository artifacts, ReconcileLimits limits,
                                        WorkflowTemplates templates, ConfigMapStore configMaps) {
        Objects.requireNonNull(workflow, "workflow");
        Objects.requireNonNull(artifacts, "artifacts");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(templates, "templates");
        Objects.requireNonNull(configMaps, "configMaps");
        if (workflow.name().isEmpty()) {
            throw new IllegalArgumentException("the workflow has no name yet; admit it first");
        }
        return new WorkflowReconciler(workflow, artifacts, limits, templates, configMaps);
    }

    /** Takes in what happened and moves the workflow on as far as it can at {@code now}. */
    public Reconciliation reconcile(List<Observation> observations, Instant now) {
        ctx.state.setNow(now);
        ctx.state.clearChanged();
        if (exec.error().isPresent()) {
            // Argo's setExecWorkflow: the referenced WorkflowTemplate is missing, the workflow errors before it runs.
            if (!phase().isDone()) {
                wfState.markError(exec.error().get(), ctx.state);
            }
            return new Reconciliation(ctx.drainDecisions(), phase(), ctx.state.changed());
        }
        List<Observation.StepObserved> beforeTheirVisit = new ArrayList<>();
        for (Observation observation : observations) {
            switch (observation) {
                case Observation.StepObserved o -> {
                    if (unvisitedPod(o.nodeId())) {
                        beforeTheirVisit.add(o);
                    } else {
                        PodNodes.observe(ctx, o.nodeId(), o.outcome());
                    }
                }
                case Observation.ResumeNode r -> resume(r.node());
                case Observation.Reachability r -> ctx.reachability = r;
                case Observation.StopWorkflow s -> {
                    // A terminate may follow a stop (Ctrl-C twice): it takes over, with its reason.
                    boolean takesOver = ctx.shutdown.isEmpty() || s.terminate()
                            && ctx.shutdown.get().strategy() != Shutdown.Strategy.TERMINATE;
                    if (takesOver) {
                        ctx.shutdown = Optional.of(new Shutdown(s.terminate() ? Shutdown.Strategy.TERMINATE
                                : Shutdown.Strategy.STOP, Optional.of(s.reason())));
                        ctx.state.markDirty(ctx.wfName);
                    }
                }
            }
        }
        ctx.fireTimers();
        operateOnce();
        if (!beforeTheirVisit.isEmpty()) {
            // Reports on steps this reconciler did not start (it was built from a saved status): their nodes
            // are visited first, so that what reading their outputs needs (the template, whether stdout is the
            // result) is known, then the reports are taken in and the workflow moves on.
            beforeTheirVisit.forEach(o -> {
                PodNodes.prepareUnvisited(ctx, o.nodeId());
                PodNodes.observe(ctx, o.nodeId(), o.outcome());
            });
            boolean first = ctx.state.changed();
            ctx.state.clearChanged();
            operateOnce();
            if (first) {
                ctx.state.touch();
            }
        }
        // Nodes in clusters that do not answer: a message while it lasts, Error past the timeout (then the workflow
        // moves on at once, as after any failed node).
        for (int pass = 0; pass < MAX_EXTRA_PASSES && running() && UnreachableClusters.apply(ctx, ctx.reachability);
                pass++) {
            operateOnce();
        }
        boolean changed = ctx.state.changed();
        // Argo requeues a workflow whose pass changed something. A pass can settle a node without starting
        // anything that would wake the workflow again (a DAG task that errored while being started): look
        // again at once, as Argo's next pass would, before calling the workflow stuck.
        for (int pass = 0; pass < MAX_EXTRA_PASSES && running() && stalled() && !ctx.suspended && ctx.state.changed();
                pass++) {
            ctx.state.clearChanged();
            operateOnce();
            changed |= ctx.state.changed();
        }
        if (running() && stalled() && !ctx.suspended) {
            wfState.markError("workflow cannot make progress: " + ctx.stallReason.orElse(
                    "no step is running and nothing is scheduled"), ctx.state);
            changed = true;
        }
        return new Reconciliation(ctx.drainDecisions(), phase(), changed || ctx.state.changed());
    }

    private void operateOnce() {
        try {
            operator.operate();
        } catch (ReconcileException e) {
            wfState.markError("error in reconcile: " + e.getMessage(), ctx.state);
        } catch (RuntimeException e) {
            // A bug, not the user's mistake: still end the workflow with a message instead of throwing.
            LOG.log(System.Logger.Level.ERROR, "internal error reconciling " + ctx.wfName, e);
            wfState.markError("internal error in Skiff's reconciler: " + e, ctx.state);
        }
    }

    /** A pod node still running that no step of this reconciler's was started or re-attached for yet. */
    private boolean unvisitedPod(String nodeId) {
        NodeStatus node = ctx.state.byId(nodeId);
        return node != null && node.type() == NodeType.POD && !node.isDone() && !ctx.attached.containsKey(nodeId);
    }

    private boolean running() {
        return wfState.phase().isPresent() && !wfState.phase().get().isDone();
    }

    private boolean stalled() {
        return ctx.state.activePods() == 0 && ctx.timers.isEmpty() && ctx.state.activeSuspends() == 0;
    }

    private void resume(String which) {
        NodeStatus node = suspended(ctx.state.byId(which));
        if (node == null) {
            node = suspended(ctx.state.byName(which).orElse(null));
        }
        if (node == null) {
            for (NodeStatus n : ctx.state.nodes().values()) {
                if (n.displayName().equals(which) && suspended(n) != null) {
                    node = n;
                    break;
                }
            }
        }
        if (node != null) {
            ctx.resumed.add(node.id());
            ctx.state.markDirty(node.id());
        }
    }

    private static NodeStatus suspended(NodeStatus node) {
        return node != null && node.type() == NodeType.SUSPEND && !node.isDone() ? node : null;
    }

    /** The workflow's phase now. */
    public WorkflowPhase phase() {
        return wfState.phase().orElse(WorkflowPhase.PENDING);
    }

    /** A snapshot of the status, with progress computed. */
    public WorkflowStatus status() {
        Map<String, NodeStatus> nodes = new HashMap<>(ctx.state.nodes());
        String progress = Progress.update(nodes);
        Optional<Outputs> outputs = Optional.empty();
        if (!ctx.globalOutputs.isEmpty() || !ctx.globalArtifacts.isEmpty()) {
            List<Parameter> params = new ArrayList<>();
            ctx.globalOutputs.forEach((k, v) -> params.add(Parameter.of(k, v)));
            outputs = Optional.of(new Outputs(params, List.copyOf(ctx.globalArtifacts.values()), Optional.empty(),
                    Optional.empty()));
        }
        return new WorkflowStatus(phase(), wfState.startedAt(), wfState.finishedAt(), progress, wfState.message(),
                nodes, outputs, wfState.conditions(), Map.copyOf(ctx.storedTemplates), exec.stored());
    }

    /**
     * The spec the workflow runs: its own, or for a Workflow with {@code workflowTemplateRef} its spec merged over
     * the WorkflowTemplate's (Argo's {@code GetExecSpec}; a controller reads {@code podGC}, {@code ttlStrategy} and
     * the like from it).
     */
    public dev.skiff.engine.model.WorkflowSpec execSpec() {
        return ctx.spec;
    }

    /** The workflow's labels with the ones Argo sets ({@code workflows.argoproj.io/phase}, {@code .../completed}). */
    public Map<String, String> labels() {
        return Map.copyOf(wfState.labels());
    }

    /** The workflow with its current status and the labels Argo sets. */
    public Workflow workflow() {
        return workflow.withLabels(wfState.labels()).withStatus(status());
    }
}
