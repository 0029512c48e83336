package dev.skiff.engine.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.core.NodeTargets;
import dev.skiff.engine.core.StepRefs;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowStatus;
import dev.skiff.spi.executor.StepTarget;
import java.util.Map;
import java.util.Optional;

/**
 * Where each pod node of a workflow of a cluster ran: the controller's record on the Workflow ({@link NodeTargets}),
 * else the cluster/namespace its template (or a Steps/DAG template above it) names literally, else the workflow's own
 * cluster and namespace; unknown when the record was capped and the template names nothing. A target's empty part
 * is the workflow's own cluster / namespace, shown as {@value #OWN}. Pure.
 */
record NodePlacement(String workflowName, Workflow workflow, Map<String, NodeStatus> nodes, NodeTargets recorded) {

    static final String OWN = "-";
    static final String UNKNOWN = "?";

    static NodePlacement of(ObjectNode object) {
        Workflow wf = WorkflowObjects.toWorkflow(object);
        Map<String, NodeStatus> nodes = wf.status().map(WorkflowStatus::nodes).orElse(Map.of());
        return new NodePlacement(WorkflowObjects.name(object), wf, nodes, NodeTargets.of(object));
    }

    /** Where the pod node ran, relative to the workflow; empty when unknown. */
    Optional<StepTarget> target(NodeStatus node) {
        Optional<StepTarget> known = recorded.target(node.id());
        if (known.isPresent()) {
            return known;
        }
        StepTarget literal = StepRefs.of(workflow.spec(), workflowName, node, nodes::get).target();
        if (!recorded.complete() && literal.equals(StepTarget.LOCAL)) {
            return Optional.empty();
        }
        return Optional.of(literal);
    }

    /** The CLUSTER and NAMESPACE cells of {@code skiff get -o wide}. */
    String[] cells(NodeStatus node) {
        return target(node).map(t -> new String[] {shown(t.cluster()), shown(t.namespace())})
                .orElse(new String[] {UNKNOWN, UNKNOWN});
    }

    private static String shown(String part) {
        return part.isEmpty() ? OWN : part;
    }
}
