package dev.skiff.engine.core;

import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.WorkflowSpec;
import dev.skiff.spi.executor.StepRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Everything one reconciler session shares between its parts (Argo's wfOperationCtx). */
final class Ctx {

    final RunState state;
    final WorkflowSpec spec;
    final String wfName;
    final String namespace;
    /** The workflow object's uid ("" before the API server gave it one, and locally). */
    final String uid;
    /** Workflow-level variables (workflow.*), Argo's global scope. */
    final Map<String, String> globals = new LinkedHashMap<>();
    /** Global outputs ({@code status.outputs.parameters}) by name, in order of creation. */
    final Map<String, String> globalOutputs = new LinkedHashMap<>();
    /** Global output artifacts ({@code status.outputs.artifacts}) by name, in order of creation. */
    final Map<String, dev.skiff.engine.model.Artifact> globalArtifacts = new LinkedHashMap<>();
    /** Where artifacts without a location of their own are stored. */
    final ArtifactRepository artifacts;
    /** Bounds on what one workflow may make the reconciler do. */
    final ReconcileLimits limits;
    /** Where {@code templateRef} and {@code workflowTemplateRef} find WorkflowTemplates. */
    final WorkflowTemplates templates;
    /** The ConfigMaps {@code valueFrom.configMapKeyRef} parameters are read from (the controller's informer). */
    ConfigMapStore configMaps = ConfigMapStore.NONE;
    /**
     * The workflow's own templates (Argo's local template base): its spec, or for a Workflow run from
     * {@code workflowTemplateRef} the merged spec, in a base without a name (Argo's {@code execWf}).
     */
    final TemplateBase localBase;
    /** {@code status.storedTemplates}: templates taken from WorkflowTemplates, by Argo's key. */
    final Map<String, com.fasterxml.jackson.databind.node.ObjectNode> storedTemplates = new TreeMap<>();
    /** The base each Steps/DAG node's calls resolve in, by node id (Argo's tmplCtx of executeSteps/executeDAG). */
    final Map<String, TemplateBase> bases = new HashMap<>();
    /** Processed (substituted) templates by node id, so a node's template is substituted once. */
    final Map<String, Template> processed = new HashMap<>();
    /** Per-node working memory of composite nodes (steps, step groups, DAGs), by node id. */
    final Map<String, Object> frames = new HashMap<>();
    /** Pod nodes whose step was started or re-attached in this session, with their step refs. */
    final Map<String, StepRef> attached = new HashMap<>();
    /** What the shell last said about the clusters' reachability. */
    Observation.Reachability reachability = Observation.Reachability.ALL_REACHABLE;
    /** Where the controller recorded that pod nodes ran ({@link NodeTargets}), for nodes not attached. */
    NodeTargets recordedTargets = NodeTargets.none("");
    /** Nodes that must be visited again at a time, by time. */
    final TreeMap<Instant, Set<String>> timers = new TreeMap<>();
    /** Nodes that could not start because the workflow's parallelism was reached. */
    final Set<String> blockedOnParallelism = new HashSet<>();
    /** Suspended nodes the user resumed, by id. */
    final Set<String> resumed = new HashSet<>();
    /** Whether a pod node records its stdout as outputs.result (Argo's includeScriptOutput), by node id. */
    final Map<String, Boolean> includeResult = new HashMap<>();
    /** The processed template a pod node runs, by node id, to read its outputs when it ends. */
    final Map<String, Template> podTemplates = new HashMap<>();
    /** Ids of the daemoned nodes (see {@link DaemonNodes}); null until first needed. */
    Set<String> daemoned;
    private final Map<Template, java.util.Set<String>> resultRefs = new java.util.IdentityHashMap<>();
    private final List<Decision> decisions = new ArrayList<>();
    Optional<Instant> workflowDeadline = Optional.empty();
    /** Set while the workflow is being shut down ({@code spec.shutdown}, or a stop from the shell). */
    Optional<Shutdown> shutdown = Optional.empty();
    /** Argo's spec.suspend: no template is walked, nothing new starts, until it is cleared. */
    boolean suspended;
    /** Why the last visit of some node had to wait for a value that may never come (Argo requeues forever). */
    Optional<String> stallReason = Optional.empty();
    int stackDepth;

    Ctx(RunState state, WorkflowSpec spec, String wfName, String namespace, String uid, ArtifactRepository artifacts,
        ReconcileLimits limits, WorkflowTemplates templates) {
        this.state = state;
        this.templates = templates;
        this.localBase = TemplateBase.local(spec.hasWorkflowTemplateRef() ? "" : wfName, spec);
        this.limits = limits;
        this.uid = uid;
        this.artifacts = artifacts;
        this.spec = spec;
        this.wfName = wfName;
        this.namespace = namespace;
    }

    Instant now() {
        return state.now();
    }

    /** The base the calls of a Steps or DAG node resolve in (the local one until the node's template resolved). */
    TemplateBase baseOf(String nodeId) {
        return bases.getOrDefault(nodeId, localBase);
    }

    void decide(Decision decision) {
        decisions.add(decision);
    }

    List<Decision> drainDecisions() {
        List<Decision> out = List.copyOf(decisions);
        decisions.clear();
        return out;
    }

    /** Argo's requeueAfter: visit this node again at the given time. */
    void wakeAt(Instant time, String nodeId) {
        // Reconciles see time in whole seconds (as Argo's stored timestamps are), so wake at the next one.
        Instant at = time.getNano() == 0 ? time : time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(1);
        if (!at.isAfter(now())) {
            return;
        }
        Set<String> ids = timers.computeIfAbsent(at, k -> new HashSet<>());
        if (ids.isEmpty()) {
            decide(new Decision.WakeAt(at));
        }
        ids.add(nodeId);
    }

    /** Fires timers that are due: their nodes become dirty. */
    void fireTimers() {
        while (!timers.isEmpty() && !timers.firstKey().isAfter(now())) {
            timers.pollFirstEntry().getValue().forEach(state::markDirty);
        }
    }

    @SuppressWarnings("unchecked")
    <T> T frame(String nodeId, Class<T> type, java.util.function.Supplier<T> create) {
        Object frame = frames.get(nodeId);
        if (type.isInstance(frame)) {
            return (T) frame;
        }
        T created = create.get();
        frames.put(nodeId, created);
        return created;
    }

    void noteStall(String reason) {
        stallReason = Optional.of(reason);
    }

    /**
     * Names NAME for which a template's JSON contains {@code PREFIX.NAME.outputs.result} or
     * {@code PREFIX['NAME'].outputs.result}: the matches of Argo's hasOutputResultRef, found in one scan.
     */
    java.util.Set<String> resultReferences(Template template, String prefix) {
        return resultRefs.computeIfAbsent(template, t -> {
            String json = GoJson.marshalFixed(t.raw());
            java.util.Set<String> names = new HashSet<>();
            if (prefix.isEmpty()) {
                return names;
            }
            java.util.regex.Matcher dotted = java.util.regex.Pattern.compile(
                    java.util.regex.Pattern.quote(prefix) + "\\.([^.\\s\"'\\]\\[]+)\\.outputs\\.result").matcher(json);
            while (dotted.find()) {
                names.add(dotted.group(1));
            }
            java.util.regex.Matcher indexed = java.util.regex.Pattern.compile(
                    java.util.regex.Pattern.quote(prefix) + "\\[['\"]([^'\"]+)['\"]\\]\\.outputs.result").matcher(json);
            while (indexed.find()) {
                names.add(indexed.group(1));
            }
            return names;
        });
    }

    /** A pod ended: nodes waiting for the workflow's parallelism may start now. */
    void unblockParallelism() {
        if (!blockedOnParallelism.isEmpty()) {
            blockedOnParallelism.forEach(state::markDirty);
            blockedOnParallelism.clear();
        }
    }

    /** Whether the workflow is being stopped (Argo's shutdown). */
    boolean stopping() {
        return shutdown.isPresent();
    }

    /** Whether a step (part of an exit handler, or not) may still start: Argo's ShouldExecute. */
    boolean shouldExecute(boolean partOfExitHandler) {
        return shutdown.map(s -> s.shouldExecute(partOfExitHandler)).orElse(true);
    }
}
