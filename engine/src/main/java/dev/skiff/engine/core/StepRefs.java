package dev.skiff.engine.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.WorkflowSpec;
import dev.skiff.spi.executor.StepRef;
import dev.skiff.spi.executor.StepTarget;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The step of a pod node, derived from the node alone (Argo's pod-name v2 and the template's own cluster and
 * namespace), for shells and reconcilers that did not start it themselves: after a restart, for pod GC.
 */
public final class StepRefs {

    private StepRefs() {
    }

    /** The node's step, without looking at the Steps/DAG templates above it. */
    public static StepRef of(WorkflowSpec spec, String workflowName, NodeStatus node) {
        return of(spec, workflowName, node, id -> null);
    }

    /**
     * The node's step; its target is empty (the workflow's own) unless its template, or a Steps/DAG template above
     * it ({@code byId} finds the boundary nodes), names a cluster/namespace ({@link StepPlacement}). Only literal
     * values are known here: a value with an expression was rendered when the pod started and is left empty (the
     * shell keeps the targets it used).
     */
    public static StepRef of(WorkflowSpec spec, String workflowName, NodeStatus node,
                             Function<String, NodeStatus> byId) {
        String cluster = "";
        String namespace = "";
        NodeStatus current = node;
        int guard = 0;
        while (current != null && (cluster.isEmpty() || namespace.isEmpty()) && guard++ < 10_000) {
            Optional<ObjectNode> raw = spec.template(current.templateName()).map(Template::raw);
            if (raw.isPresent()) {
                cluster = cluster.isEmpty() ? literal(raw.get(), "cluster") : cluster;
                namespace = namespace.isEmpty() ? literal(raw.get(), "namespace") : namespace;
            }
            current = current.boundaryId().isEmpty() ? null : byId.apply(current.boundaryId());
        }
        return new StepRef(node.podName(workflowName), new StepTarget(cluster, namespace));
    }

    /**
     * The node's step, its target where the controller recorded the pod ran ({@link NodeTargets}), else as
     * {@link #of(WorkflowSpec, String, NodeStatus, Function)} works it out.
     */
    public static StepRef of(WorkflowSpec spec, String workflowName, NodeStatus node,
                             Function<String, NodeStatus> byId, NodeTargets recorded) {
        Optional<StepTarget> target = recorded.target(node.id());
        if (target.isPresent()) {
            return new StepRef(node.podName(workflowName), target.get());
        }
        return of(spec, workflowName, node, byId);
    }

    private static String literal(ObjectNode template, String field) {
        String value = template.path(field).isValueNode() ? template.path(field).asText("") : "";
        return value.contains("{{") ? "" : value;
    }

    /**
     * The labels the node's pod carries as far as the workflow says (Argo's workflow label, the workflow's
     * {@code podMetadata.labels}, the template's {@code metadata.labels}), for {@code podGC.labelSelector}.
     */
    public static Map<String, String> podLabels(WorkflowSpec spec, String workflowName, NodeStatus node) {
        Map<String, String> labels = new LinkedHashMap<>(spec.podLabels());
        spec.template(node.templateName()).map(t -> t.raw().path("metadata").path("labels")).ifPresent(l ->
                l.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText())));
        labels.put("workflows.argoproj.io/workflow", workflowName);
        labels.put("workflows.argoproj.io/completed", "false");
        return labels;
    }
}
