package dev.skiff.engine.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.PodNames;
import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.WorkflowSpec;
import dev.skiff.spi.executor.StepRef;
import dev.skiff.spi.executor.StepTarget;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The step of a pod node, derived from the node alone (Argo's pod-name v2 and the template's own cluster and
 * namespace), for shells and reconcilers that did not start it themselves: after a restart, for pod GC.
 */
public final class StepRefs {

    private StepRefs() {
    }

    /** The node's step; its target is empty (the workflow's own) unless the template names a cluster/namespace. */
    public static StepRef of(WorkflowSpec spec, String workflowName, NodeStatus node) {
        Optional<ObjectNode> raw = spec.template(node.templateName()).map(Template::raw);
        StepTarget target = new StepTarget(raw.map(r -> r.path("cluster").asText("")).orElse(""),
                raw.map(r -> r.path("namespace").asText("")).orElse(""));
        return new StepRef(PodNames.podName(workflowName, node.name(), node.templateName()), target);
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
