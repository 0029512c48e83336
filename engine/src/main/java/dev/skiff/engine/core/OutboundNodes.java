package dev.skiff.engine.core;

import dev.skiff.engine.model.NodeStatus;
import java.util.ArrayList;
import java.util.List;

/** Argo's getOutboundNodes: the nodes a following node hangs from. */
final class OutboundNodes {

    private OutboundNodes() {
    }

    static List<String> of(RunState state, String nodeId) {
        List<String> out = new ArrayList<>();
        collect(state, nodeId, out, 0);
        return out;
    }

    private static void collect(RunState state, String nodeId, List<String> out, int depth) {
        NodeStatus node = state.byId(nodeId);
        if (node == null || depth > 10_000) {
            out.add(nodeId);
            return;
        }
        switch (node.type()) {
            case SKIPPED, SUSPEND, POD -> out.add(node.id());
            case TASK_GROUP -> {
                if (node.children().isEmpty()) {
                    out.add(node.id());
                } else {
                    for (String child : node.children()) {
                        collect(state, child, out, depth + 1);
                    }
                }
            }
            case RETRY -> {
                if (!node.children().isEmpty()) {
                    out.add(node.children().getLast());
                }
            }
            default -> {
                for (String outbound : node.outboundNodes()) {
                    collect(state, outbound, out, depth + 1);
                }
            }
        }
    }
}
