package dev.skiff.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * A workflow's {@code spec.podGC} (Argo's PodGC): when the pods of finished steps are deleted.
 *
 * @param strategy            {@code OnPodCompletion}, {@code OnPodSuccess}, {@code OnWorkflowCompletion},
 *                            {@code OnWorkflowSuccess}, or "" (pods are kept)
 * @param labelSelector       only pods matching it are deleted; empty means every pod
 * @param deleteDelayDuration how long to wait before deleting, as written (a Go duration); "" for the default
 */
public record PodGc(String strategy, Optional<LabelSelector> labelSelector, String deleteDelayDuration) {

    static PodGc read(ObjectNode node) {
        JsonNode selector = node.get("labelSelector");
        return new PodGc(JsonFields.text(node, "strategy", "spec.podGC"),
                selector instanceof ObjectNode o ? Optional.of(LabelSelector.read(o, "spec.podGC.labelSelector"))
                        : Optional.empty(),
                JsonFields.text(node, "deleteDelayDuration", "spec.podGC"));
    }
}
