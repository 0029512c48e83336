package dev.skiff.engine.core;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Argo's applyExecutionControl and failNodesWithoutCreatedPodsAfterDeadlineOrShutdown: once the workflow's
 * deadline passed or it is being stopped, running steps outside exit handlers are stopped and fail.
 */
final class ExecutionControl {

    static final String DEADLINE_MESSAGE = "Step exceeded its deadline";

    private ExecutionControl() {
    }

    static void apply(Ctx ctx) {
        boolean deadlinePassed = ctx.workflowDeadline.isPresent() && ctx.now().isAfter(ctx.workflowDeadline.get());
        if (!deadlinePassed && !ctx.stopping()) {
            return;
        }
        RunState st = ctx.state;
        List<NodeStatus> candidates = new ArrayList<>();
        for (NodeStatus node : st.nodes().values()) {
            if (!node.isDone() && (node.type() == NodeType.POD || node.type() == NodeType.SUSPEND)) {
                candidates.add(node);
            }
        }
        for (NodeStatus node : candidates) {
            if (partOfExitHandler(st, node) && (!ctx.stopping() || ctx.shouldExecute(true))) {
                continue;
            }
            String message = ctx.stopping() ? ctx.stopReason.get() : DEADLINE_MESSAGE;
            var ref = ctx.attached.get(node.id());
            if (node.type() == NodeType.POD && ref != null) {
                ctx.decide(new Decision.StopStep(ref, node.id(), message));
            }
            st.markPhase(node.name(), NodePhase.FAILED, message);
            st.markDirty(node.id());
        }
    }

    /** Argo's IsPartOfExitHandler: the node or a boundary above it is an exit handler. */
    static boolean partOfExitHandler(RunState st, NodeStatus node) {
        NodeStatus current = node;
        int guard = 0;
        while (current != null && guard++ < 10_000) {
            if (current.displayName().endsWith(".onExit")) {
                return true;
            }
            if (current.boundaryId().isEmpty()) {
                return false;
            }
            current = st.byId(current.boundaryId());
        }
        return false;
    }

    static Map<String, String> none() {
        return Map.of();
    }
}
