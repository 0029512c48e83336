package dev.skiff.engine.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.DagTask;
import dev.skiff.engine.model.NodeFlag;
import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.model.Outputs;
import dev.skiff.engine.model.Parameter;
import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.WorkflowFormatException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Argo's executeDAG and executeDAGTask, scheduled incrementally: a visit re-examines tasks whose nodes
 * changed and starts tasks whose dependencies just settled, instead of walking from every target.
 */
final class DagExecutor {

    private final Ctx ctx;
    private final TemplateExecutor executor;

    DagExecutor(Ctx ctx, TemplateExecutor executor) {
        this.ctx = ctx;
        this.executor = executor;
    }

    Exec execute(String nodeName, Template tmpl, Call call, Opts opts) {
        RunState st = ctx.state;
        NodeStatus node = st.byName(nodeName).orElse(null);
        if (node == null) {
            node = Nodes.initExecutable(ctx, nodeName, NodeType.DAG, call, tmpl, opts, NodePhase.RUNNING, "");
        }
        DagFrame frame = ctx.frame(node.id(), DagFrame.class, () -> new DagFrame(tmpl.dag().orElseThrow()));
        DagVisit visit = new DagVisit(ctx, executor, nodeName, node.id(), tmpl, frame, opts);
        if (!frame.initialized) {
            List<String> byRank = new ArrayList<>(frame.relevant);
            byRank.sort(java.util.Comparator.comparingInt(t -> frame.rank.get(t)));
            for (String task : byRank) {
                if (st.byName(visit.taskNodeName(task)).isPresent()) {
                    frame.active.add(task);
                } else if (frame.dependencies(task).isEmpty()) {
                    frame.ready.add(task);
                }
            }
            for (String task : new ArrayList<>(frame.active)) {
                visit.visitExisting(task, true);
            }
            frame.initialized = true;
        } else {
            for (String task : new ArrayList<>(frame.active)) {
                visit.visitExisting(task, false);
            }
        }
        visit.drainReady();
        if (!frame.active.isEmpty() || !frame.ready.isEmpty()) {
            return Exec.of(st.getByName(nodeName));
        }
        NodePhase phase = assess(visit);
        switch (phase) {
            case RUNNING -> {
                return Exec.of(st.getByName(nodeName));
            }
            case FAILED, ERROR -> {
                updateOutbound(visit);
                return Exec.of(st.markPhase(nodeName, phase));
            }
            default -> {
            }
        }
        Map<String, Object> scope = new HashMap<>();
        for (Parameter p : tmpl.inputs().parameters()) {
            scope.put("inputs.parameters." + p.name(), p.value().orElse(""));
        }
        ctx.globalOutputs.forEach((k, v) -> scope.put("workflow.outputs.parameters." + k, v));
        for (DagTask task : frame.tasks.values()) {
            NodeStatus taskNode = visit.taskNode(task.name());
            if (taskNode == null) {
                continue;
            }
            visit.addTaskScope(scope, task.name(), taskNode);
            taskNode.outputs().ifPresent(o -> GlobalOutputs.add(ctx, o));
        }
        Optional<Outputs> outputs;
        try {
            outputs = TemplateOutputs.resolve(ctx, tmpl, scope);
        } catch (ReconcileException e) {
            return new Exec(st.getByName(nodeName), e);
        }
        outputs.ifPresent(o -> st.setOutputs(nodeName, Optional.of(o)));
        updateOutbound(visit);
        return Exec.of(st.markPhase(nodeName, NodePhase.SUCCEEDED));
    }

    /** Argo's assessDAGPhase: a breadth-first walk from the DAG's children deducing each target's phase. */
    private NodePhase assess(DagVisit visit) {
        if (ctx.stopping()) {
            return NodePhase.FAILED;
        }
        RunState st = ctx.state;
        Map<String, NodePhase> targetPhases = new HashMap<>();
        for (String task : visit.frame.targets) {
            targetPhases.put(st.nodeId(visit.taskNodeName(task)), null);
        }
        NodeStatus boundary = st.byId(visit.dagId);
        java.util.ArrayDeque<Object[]> queue = new java.util.ArrayDeque<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String child : boundary.children()) {
            if (seen.add(child + "-" + NodePhase.SUCCEEDED)) {
                queue.add(new Object[] {child, NodePhase.SUCCEEDED});
            }
        }
        while (!queue.isEmpty()) {
            Object[] current = queue.poll();
            NodeStatus node = st.byId((String) current[0]);
            if (node == null) {
                return NodePhase.RUNNING;
            }
            NodePhase branch = (NodePhase) current[1];
            if (!node.isFulfilled()) {
                Optional<NodePhase> groupPhase = completableTaskGroup(node);
                if (groupPhase.isEmpty()) {
                    return NodePhase.RUNNING;
                }
                st.markPhase(node.name(), groupPhase.get());
                branch = groupPhase.get();
            } else if (node.phase().isCompleted()) {
                branch = node.phase();
            }
            if (targetPhases.containsKey(node.id())) {
                NodePhase previous = targetPhases.get(node.id());
                if (previous == null || !previous.isFailedOrError()) {
                    targetPhases.put(node.id(), branch);
                }
            }
            List<String> next = node.type() == NodeType.RETRY ? retryChildren(node) : node.children();
            for (String child : next) {
                if (seen.add(child + "-" + branch)) {
                    queue.add(new Object[] {child, branch});
                }
            }
        }
        boolean failFast = visit.tmpl.dag().flatMap(d -> d.failFast()).orElse(true);
        NodePhase result = NodePhase.SUCCEEDED;
        for (String task : visit.frame.targets) {
            NodePhase branch = targetPhases.get(st.nodeId(visit.taskNodeName(task)));
            if (branch == null) {
                result = NodePhase.RUNNING;
                if (!failFast) {
                    break;
                }
            } else if (branch.isFailedOrError()) {
                if (visit.frame.tasks.get(task).continuesOn(branch)) {
                    continue;
                }
                result = branch;
                if (failFast) {
                    break;
                }
            }
        }
        return result;
    }

    /** Argo's getRetryNodeChildrenIds: hook children and the children of the attempts. */
    private List<String> retryChildren(NodeStatus node) {
        List<String> out = new ArrayList<>();
        for (int i = node.children().size() - 1; i >= 0; i--) {
            NodeStatus child = ctx.state.byId(node.children().get(i));
            if (child == null) {
                continue;
            }
            if (child.isHooked()) {
                out.add(child.id());
            } else {
                out.addAll(child.children());
            }
        }
        return out;
    }

    private Optional<NodePhase> completableTaskGroup(NodeStatus node) {
        if (node.type() != NodeType.TASK_GROUP || node.children().isEmpty()) {
            return Optional.empty();
        }
        NodePhase phase = NodePhase.SUCCEEDED;
        for (String id : node.children()) {
            NodeStatus child = ctx.state.byId(id);
            if (child == null || !child.isDone()) {
                return Optional.empty();
            }
            if (child.phase().isFailedOrError()) {
                phase = child.phase();
            }
        }
        return Optional.of(phase);
    }

    private void updateOutbound(DagVisit visit) {
        RunState st = ctx.state;
        List<String> outbound = new ArrayList<>();
        for (String task : visit.frame.targets) {
            NodeStatus taskNode = visit.taskNode(task);
            if (taskNode != null) {
                outbound.addAll(OutboundNodes.of(st, taskNode.id()));
            }
        }
        st.put(st.getByName(visit.dagName).withOutboundNodes(outbound));
    }
}
