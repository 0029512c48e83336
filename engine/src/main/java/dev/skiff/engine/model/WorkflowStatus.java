package dev.skiff.engine.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A workflow's {@code status} in Argo's shape.
 *
 * @param phase      workflow phase
 * @param startedAt  when it started
 * @param finishedAt when it ended
 * @param progress   {@code N/M} of finished/total pods
 * @param message    why the workflow is in its phase; may be empty
 * @param nodes      nodes by id (written sorted by id, as Argo serialises them)
 * @param outputs    global outputs ({@code globalName} exports)
 * @param conditions conditions such as {@code Completed}
 * @param storedTemplates            templates taken from WorkflowTemplates and ClusterWorkflowTemplates, by Argo's
 *                                   key {@code <scope>/<resource>/<template>} (such as
 *                                   {@code namespaced/print/print-message}): what the workflow runs even when the
 *                                   resource changes later (written sorted by key; the trees must not be changed)
 * @param storedWorkflowTemplateSpec for a Workflow with {@code workflowTemplateRef}: the spec it runs, its own spec
 *                                   merged over the WorkflowTemplate's (Argo's {@code storedWorkflowTemplateSpec})
 */
public record WorkflowStatus(WorkflowPhase phase, Optional<Instant> startedAt, Optional<Instant> finishedAt,
                             String progress, String message, Map<String, NodeStatus> nodes,
                             Optional<Outputs> outputs, List<Condition> conditions,
                             Map<String, ObjectNode> storedTemplates, Optional<ObjectNode> storedWorkflowTemplateSpec) {

    public WorkflowStatus {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(message, "message");
        nodes = Map.copyOf(nodes);
        Objects.requireNonNull(outputs, "outputs");
        conditions = List.copyOf(conditions);
        storedTemplates = Map.copyOf(storedTemplates);
        Objects.requireNonNull(storedWorkflowTemplateSpec, "storedWorkflowTemplateSpec");
    }

    /** A status without stored templates (a Workflow that references no WorkflowTemplate). */
    public WorkflowStatus(WorkflowPhase phase, Optional<Instant> startedAt, Optional<Instant> finishedAt,
                          String progress, String message, Map<String, NodeStatus> nodes, Optional<Outputs> outputs,
                          List<Condition> conditions) {
        this(phase, startedAt, finishedAt, progress, message, nodes, outputs, conditions, Map.of(), Optional.empty());
    }

    /** The node with this id, or failing that, this name. */
    public Optional<NodeStatus> node(String idOrName) {
        NodeStatus byId = nodes.get(idOrName);
        if (byId != null) {
            return Optional.of(byId);
        }
        return nodes.values().stream().filter(n -> n.name().equals(idOrName)).findFirst();
    }

    /** The first node with this display name. */
    public Optional<NodeStatus> nodeByDisplayName(String displayName) {
        return nodes.values().stream().filter(n -> n.displayName().equals(displayName)).findFirst();
    }
}
