package dev.skiff.engine.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.DagTask;
import dev.skiff.engine.model.NodeFlag;
import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.model.Parameter;
import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.WorkflowFormatException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One visit of one DAG node: Argo's executeDAGTask for the tasks that changed or became ready. */
final class DagVisit {

    private final Ctx ctx;
    private final TemplateExecutor executor;
    final String dagName;
    final String dagId;
    final Template tmpl;
    final DagFrame frame;
    final Opts opts;

    DagVisit(Ctx ctx, TemplateExecutor executor, String dagName, String dagId, Template tmpl, DagFrame frame,
             Opts opts) {
        this.ctx = ctx;
        this.executor = executor;
        this.dagName = dagName;
        this.dagId = dagId;
        this.tmpl = tmpl;
        this.frame = frame;
        this.opts = opts;
    }

    /** Where the DAG's tasks resolve their templates. */
    TemplateBase base() {
        return ctx.baseOf(dagId);
    }

    String taskNodeName(String task) {
        return dagName + "." + task;
    }

    NodeStatus taskNode(String task) {
        return ctx.state.byName(taskNodeName(task)).orElse(null);
    }

    /** Looks again at a task that has a node, when something below it changed. */
    void visitExisting(String task, boolean always) {
        NodeStatus node = taskNode(task);
        if (node == null) {
            return;
        }
        boolean waiting = !node.isDone() && !frame.groups.containsKey(task);
        if (!always && waiting && ctx.state.wasVisited(node.id()) && !ctx.state.isDirty(node.id())) {
            return;
        }
        runTask(task);
    }

    /** Starts the tasks whose dependencies settled, as long as new ones become ready. */
    void drainReady() {
        int guard = frame.ready.size();
        List<String> retry = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (!frame.ready.isEmpty()) {
            String task = frame.ready.poll();
            if (!seen.add(task)) {
                continue;
            }
            if (taskNode(task) != null && frame.active.contains(task)) {
                continue;
            }
            if (!runTask(task) && taskNode(task) == null) {
                retry.add(task);
            }
            if (guard-- < -1_000_000) {
                break;
            }
        }
        frame.ready.addAll(retry);
    }

    /** Argo's executeDAGTask for one task; false when it could not make progress now. */
    boolean runTask(String taskName) {
        RunState st = ctx.state;
        DagTask task = frame.tasks.get(taskName);
        NodeStatus node = taskNode(taskName);
        if (node != null && node.type() == NodeType.TASK_GROUP) {
            st.clearDirty(node.id());
            st.markVisited(node.id());
        }
        if (node != null && (node.isDone() || node.phase() == NodePhase.RUNNING)) {
            Map<String, Object> scope = taskScope(task);
            scope.put("tasks." + taskName + ".status", node.phase().argoName());
            ExitHooks.Hooks hooks = executor.hooks.runLifecycleHooks(task.hooks(), node, dagId, "tasks", taskName,
                    scope, dagId, base());
            if (hooks.error() != null) {
                st.markError(node.name(), hooks.error().getMessage());
            }
            if (!hooks.completed()) {
                return true;
            }
        }
        node = taskNode(taskName);
        if (node != null && node.isFulfilled() && !frame.groups.containsKey(taskName)) {
            return settleIfDone(task, node);
        }
        String nodeName = taskNodeName(taskName);
        NodeStatus group = node != null && node.type() == NodeType.TASK_GROUP ? node : null;
        DependsLogic logic = frame.logic.get(taskName);
        if (node == null && !logic.logic().isEmpty()) {
            for (String dependency : logic.dependencies()) {
                if (!frame.settled.contains(dependency)) {
                    return false;
                }
            }
            boolean run;
            try {
                run = logic.evaluate(this::taskNode, st::byId);
            } catch (ReconcileException e) {
                skipped(task, nodeName, NodePhase.ERROR, e.getMessage());
                return true;
            }
            if (!run) {
                skipped(task, nodeName, NodePhase.OMITTED, "omitted: depends condition not met");
                return true;
            }
        }
        StepsFrame.GroupFrame g = frame.groups.get(taskName);
        if (g == null || g.entries == null) {
            List<StepsFrame.Entry> entries;
            try {
                entries = expand(task, nodeName);
            } catch (ReconcileException e) {
                if (e.is(ReconcileException.Kind.REQUEUE)) {
                    ctx.noteStall(e.getMessage());
                    return false;
                }
                if (node == null) {
                    skipped(task, nodeName, NodePhase.ERROR, e.getMessage());
                }
                return true;
            }
            if (task.expands()) {
                if (entries.isEmpty()) {
                    skipped(task, nodeName, NodePhase.SKIPPED, "Skipped, empty params");
                    return true;
                }
                if (group == null) {
                    connect(taskName, nodeName, null);
                    group = st.initNode(nodeName, NodeType.TASK_GROUP, task.template(), task.templateRef(),
                            base().scopeText(), dagId, NodePhase.RUNNING, Optional.of(NodeFlag.NONE), "");
                    st.setOwner(group.id(), dagId);
                    st.markVisited(group.id());
                    frame.active.add(taskName);
                } else {
                    // A task group from the saved status (a rebuilt reconciler).
                    st.setOwner(group.id(), dagId);
                }
                g = new StepsFrame.GroupFrame();
                g.entries = entries;
                g.unsettled.addAll(entries);
                frame.groups.put(taskName, g);
            } else {
                g = new StepsFrame.GroupFrame();
                g.entries = entries;
                g.unsettled.addAll(entries);
                if (node == null) {
                    frame.groups.put(taskName, g);
                }
            }
        }
        String owner = group != null ? group.id() : dagId;
        Opts childOpts = new Opts(dagId, opts.onExit(), Optional.empty(), owner, Optional.empty());
        List<StepsFrame.Entry> settledEntries = new ArrayList<>();
        for (StepsFrame.Entry entry : g.unsettled) {
            DagTask t = (DagTask) entry.call();
            String childName = entry.childName();
            NodeStatus child = st.byName(childName).orElse(null);
            if (child == null) {
                connect(taskName, childName, group);
                boolean proceed;
                try {
                    proceed = Tags.when(t.when());
                } catch (ReconcileException e) {
                    Nodes.initSkipped(ctx, childName, Call.of(t, base()), dagId, NodePhase.ERROR, e.getMessage(),
                            owner);
                    settledEntries.add(entry);
                    continue;
                }
                if (!proceed) {
                    Nodes.initSkipped(ctx, childName, Call.of(t, base()), dagId, NodePhase.SKIPPED,
                            "when '" + t.when() + "' evaluated false", owner);
                    settledEntries.add(entry);
                    continue;
                }
            } else if (child.type() == NodeType.SKIPPED) {
                settledEntries.add(entry);
                continue;
            }
            Exec exec = executor.execute(childName, Call.of(t, base()), t.arguments(), childOpts);
            if (exec.failed()) {
                switch (exec.error().kind()) {
                    case PARALLELISM, MAX_DEPTH -> {
                        continue;
                    }
                    case TIMEOUT -> {
                        st.markPhase(childName, NodePhase.FAILED, exec.error().getMessage());
                        frame.active.add(taskName);
                        return true;
                    }
                    default -> {
                        if (st.byName(childName).isPresent()) {
                            NodeStatus errored = st.markError(childName, "task '" + childName + "' errored: "
                                    + exec.error().getMessage());
                            // Argo settles the task on its next pass: have the reconciler look here again.
                            st.setOwner(errored.id(), owner);
                            st.markDirty(errored.id());
                        }
                        frame.active.add(taskName);
                        return true;
                    }
                }
            }
            child = exec.node();
            if (child == null) {
                continue;
            }
            frame.active.add(taskName);
            if (child.phase().isCompleted()) {
                Map<String, Object> scope = taskScope(task);
                scope.put("tasks." + taskName + ".status", child.phase().argoName());
                ExitHooks.OnExit onExit = executor.hooks.runOnExit(task.exitHook(ctx.spec.arguments()), child, dagId,
                        "tasks", taskName, scope, owner, base());
                if (onExit.pending()) {
                    return true;
                }
            }
            if (child.isFulfilled()) {
                settledEntries.add(entry);
            }
        }
        if (!settledEntries.isEmpty()) {
            java.util.Set<StepsFrame.Entry> done =
                    java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            done.addAll(settledEntries);
            g.unsettled.removeIf(done::contains);
        }
        if (group != null) {
            frame.active.add(taskName);
            if (!g.unsettled.isEmpty()) {
                return true;
            }
            NodePhase phase = NodePhase.SUCCEEDED;
            for (StepsFrame.Entry entry : g.entries) {
                NodeStatus child = st.byName(entry.childName()).orElse(null);
                if (child == null || !child.isFulfilled()) {
                    return true;
                }
                if (child.phase().isFailedOrError()) {
                    phase = child.phase();
                }
            }
            NodeStatus done = st.markPhase(group.name(), phase);
            frame.groups.remove(taskName);
            return settleIfDone(task, done);
        }
        NodeStatus now = taskNode(taskName);
        if (now == null) {
            frame.active.remove(taskName);
            return false;
        }
        frame.active.add(taskName);
        if (now.isFulfilled()) {
            frame.groups.remove(taskName);
            return settleIfDone(task, now);
        }
        return true;
    }

    /** A task whose node is done settles once its hooks and exit handler are done; dependents may start. */
    private boolean settleIfDone(DagTask task, NodeStatus node) {
        if (node.phase().isCompleted()) {
            Map<String, Object> scope = taskScope(task);
            scope.put("tasks." + task.name() + ".status", node.phase().argoName());
            ExitHooks.OnExit onExit = executor.hooks.runOnExit(task.exitHook(ctx.spec.arguments()), node, dagId,
                    "tasks", task.name(), scope, dagId, base());
            if (onExit.pending()) {
                frame.active.add(task.name());
                return true;
            }
        }
        for (String id : node.children()) {
            NodeStatus child = ctx.state.byId(id);
            if (child != null && child.isHooked() && !child.isDone()) {
                frame.active.add(task.name());
                return true;
            }
        }
        frame.active.remove(task.name());
        if (frame.settled.add(task.name())) {
            for (String dependent : frame.dependents.getOrDefault(task.name(), List.of())) {
                if (!frame.relevant.contains(dependent)) {
                    continue;
                }
                int left = frame.remaining.merge(dependent, -1, Integer::sum);
                if (left <= 0 && taskNode(dependent) == null) {
                    frame.ready.add(dependent);
                }
            }
        }
        return true;
    }

    /** A task that does not run: a Skipped-type node connected to its dependencies. */
    private void skipped(DagTask task, String nodeName, NodePhase phase, String message) {
        Nodes.initSkipped(ctx, nodeName, Call.of(task, base()), dagId, phase, message, dagId);
        connect(task.name(), nodeName, null);
        settleIfDone(task, ctx.state.getByName(nodeName));
    }

    /** Argo's connectDependencies: hang a node from its dependencies' outbound nodes, or the DAG. */
    private void connect(String taskName, String nodeName, NodeStatus group) {
        RunState st = ctx.state;
        List<String> deps = frame.dependencies(taskName);
        if (deps.isEmpty() || group != null) {
            st.addChild(group == null ? dagName : group.name(), nodeName);
            return;
        }
        for (String dependency : deps) {
            NodeStatus depNode = taskNode(dependency);
            if (depNode == null) {
                continue;
            }
            for (String outId : OutboundNodes.of(st, depNode.id())) {
                NodeStatus out = st.byId(outId);
                if (out != null) {
                    st.addChild(out.name(), nodeName);
                }
            }
        }
    }

    /** Resolves references and expands loops of a task into the nodes it runs. */
    private List<StepsFrame.Entry> expand(DagTask task, String nodeName) {
        Map<String, Object> scope = taskScope(task);
        DagTask resolved = read(InvocationResolver.resolve(task, scope, raw ->
                ArtifactReferences.resolveArguments(ctx, raw, scope, tmpl, true)));
        if (!task.expands()) {
            return List.of(new StepsFrame.Entry(nodeName, resolved, task.name()));
        }
        List<StepsFrame.Entry> entries = new ArrayList<>();
        for (InvocationResolver.Expanded e : InvocationResolver.expand(resolved, taskScope(resolved), ctx.limits)) {
            entries.add(new StepsFrame.Entry(dagName + "." + e.name(), read(e.raw()), task.name()));
        }
        return entries;
    }

    /** Argo's buildLocalScopeFromTask, limited to the ancestors the task refers to. */
    Map<String, Object> taskScope(DagTask task) {
        Map<String, Object> scope = new HashMap<>(ctx.globals);
        for (Parameter p : tmpl.inputs().parameters()) {
            scope.put("inputs.parameters." + p.name(), p.value().orElse(""));
        }
        for (String name : Tags.referencedNames(task.raw().toString(), "tasks")) {
            if (frame.tasks.containsKey(name) && frame.isAncestor(name, task.name())) {
                NodeStatus ancestor = taskNode(name);
                if (ancestor != null) {
                    addTaskScope(scope, name, ancestor);
                }
            }
        }
        return scope;
    }

    void addTaskScope(Map<String, Object> scope, String name, NodeStatus node) {
        RunState st = ctx.state;
        if (node.type() == NodeType.TASK_GROUP) {
            List<NodeStatus> children = new ArrayList<>();
            for (String id : node.children()) {
                NodeStatus child = st.byId(id);
                if (child != null) {
                    children.add(child);
                }
            }
            NodeScope.addAggregate(scope, "tasks", name, children);
        }
        NodeScope.addNode(st, scope, "tasks", name, node);
        DagTask task = frame.tasks.get(name);
        Optional<Template> template = task == null || task.template().isEmpty() && task.templateRef().isEmpty()
                ? Optional.empty() : TemplateResolution.tryResolve(ctx, Call.of(task, base()));
        NodeScope.addSkippedOutputs(scope, "tasks", name, node, template, false);
    }

    private DagTask read(ObjectNode raw) {
        try {
            return DagTask.read(raw, "task");
        } catch (WorkflowFormatException e) {
            throw new ReconcileException(e.getMessage());
        }
    }
}
