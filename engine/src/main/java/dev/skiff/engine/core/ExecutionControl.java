package dev.skiff.engine.core;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import dev.skiff.spi.executor.StepRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Argo's applyExecutionControl and failNodesWithoutCreatedPodsAfterDeadlineOrShutdown: once the workflow's
 * deadline passed or it is being shut down, running steps are stopped and fail: outside exit handlers for the
 * deadline and {@code Stop}, all of them for {@code Terminate}.
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
            boolean exitHandler = partOfExitHandler(st, node);
            String message;
            if (!ctx.shouldExecute(exitHandler)) {
                Shutdown shutdown = ctx.shutdown.get();
                message = node.type() == NodeType.POD ? shutdown.runningPodMessage() : shutdown.stoppedMessage();
            } else if (deadlinePassed && !exitHandler) {
                message = DEADLINE_MESSAGE;
            } else {
                continue;
            }
            if (node.type() == NodeType.POD) {
                ctx.decide(new Decision.StopStep(stepRef(ctx, node), node.id(), message));
            }
            st.markPhase(node.name(), NodePhase.FAILED, message);
            st.markDirty(node.id());
        }
    }

    /**
     * The step of a pod node: the one started in this session, else the one a reconciler before it started
     * (deterministic pod name; where the controller recorded it ran, else the template's own cluster and namespace,
     * empty meaning the workflow's).
     */
    static StepRef stepRef(Ctx ctx, NodeStatus node) {
        StepRef attached = ctx.attached.get(node.id());
        return attached != null ? attached : StepRefs.of(ctx.spec, ctx.wfName, node, ctx.state::byId,
                ctx.recordedTargets);
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
