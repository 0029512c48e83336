package dev.skiff.engine.core;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Daemon steps (Argo's {@code daemon: true}): a pod node is daemoned once its pod runs and is ready, which fulfils
 * it for the steps or tasks after it; when the steps or DAG node that is its boundary ends, Argo's
 * killDaemonedChildren stops its pod and marks the node Succeeded (exec_control.go). The daemoned nodes are kept
 * in a set so that a boundary that ends looks only at them.
 */
final class DaemonNodes {

    /** The reason given to the executor when a daemon's scope ended. */
    static final String SCOPE_ENDED = "its scope ended (daemon step)";

    private DaemonNodes() {
    }

    static void noteDaemoned(Ctx ctx, String nodeId) {
        ids(ctx).add(nodeId);
    }

    /** killDaemonedChildren: stops the daemoned nodes whose boundary is {@code boundaryId}, marking them Succeeded. */
    static void killChildren(Ctx ctx, String boundaryId) {
        Set<String> ids = ids(ctx);
        if (ids.isEmpty()) {
            return;
        }
        RunState st = ctx.state;
        List<String> killed = new ArrayList<>();
        for (String id : ids) {
            NodeStatus node = st.byId(id);
            if (node == null || !node.daemoned()) {
                killed.add(id);
                continue;
            }
            if (!node.boundaryId().equals(boundaryId)) {
                continue;
            }
            ctx.decide(new Decision.StopStep(ExecutionControl.stepRef(ctx, node), node.id(), SCOPE_ENDED));
            // Argo's node gets its finish time too (checked against Argo's controller on the testbed).
            NodeStatus done = st.markPhase(node.name(), NodePhase.SUCCEEDED);
            st.put(done.withDaemoned(false, done.podIp()));
            st.markDirty(node.id());
            killed.add(id);
        }
        ids.removeAll(killed);
    }

    private static Set<String> ids(Ctx ctx) {
        if (ctx.daemoned == null) {
            ctx.daemoned = new HashSet<>();
            for (NodeStatus node : ctx.state.nodes().values()) {
                if (node.daemoned()) {
                    ctx.daemoned.add(node.id());
                }
            }
        }
        return ctx.daemoned;
    }
}
