package dev.skiff.engine.cli;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.model.Outputs;
import dev.skiff.engine.model.WorkflowPhase;
import dev.skiff.engine.model.WorkflowStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hand-built nodes and statuses for rendering tests. */
final class TestingNodes {

    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private TestingNodes() {
    }

    static NodeStatus node(String id, String name, String displayName, NodeType type, String template,
                           NodePhase phase, String boundary, int startSecond, List<String> children) {
        return new NodeStatus(id, name, displayName, type, template, "local/wf", phase, boundary, "",
                Optional.of(T0.plusSeconds(startSecond)),
                phase.isDone() ? Optional.of(T0.plusSeconds(startSecond + 3)) : Optional.empty(), "",
                Optional.empty(), Optional.empty(), Optional.empty(), children, List.of());
    }

    static NodeStatus withOutputs(NodeStatus node, Outputs outputs) {
        return node.withOutputs(Optional.of(outputs));
    }

    static WorkflowStatus status(WorkflowPhase phase, NodeStatus... nodes) {
        Map<String, NodeStatus> byId = new LinkedHashMap<>();
        for (NodeStatus n : nodes) {
            byId.put(n.id(), n);
        }
        return new WorkflowStatus(phase, Optional.of(T0), phase.isDone() ? Optional.of(T0.plusSeconds(20)) : Optional.empty(),
                "2/2", "", byId, Optional.empty(), List.of());
    }
}
