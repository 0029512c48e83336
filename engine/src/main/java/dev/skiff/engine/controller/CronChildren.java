package dev.skiff.engine.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.cron.ChildWorkflow;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Workflows a CronWorkflow owns, from the controller's Workflow cache (Argo's {@code groupWorkflows}: the
 * controller owner reference of kind CronWorkflow with the CronWorkflow's uid), and the CronWorkflow a Workflow
 * belongs to.
 */
final class CronChildren {

    private CronChildren() {
    }

    static List<ChildWorkflow> of(WorkflowCache cache, String cluster, String namespace, String cronUid) {
        List<ChildWorkflow> children = new ArrayList<>();
        for (WorkflowKey key : cache.keys()) {
            if (!key.cluster().equals(cluster) || !key.namespace().equals(namespace)) {
                continue;
            }
            cache.get(key).ifPresent(entry -> {
                if (owner(entry.object()).map(o -> o.path("uid").asText("").equals(cronUid)).orElse(false)) {
                    children.add(child(entry.object()));
                }
            });
        }
        return children;
    }

    /** The CronWorkflow that owns the Workflow (its controller reference of kind CronWorkflow), by name. */
    static Optional<String> ownerName(ObjectNode wf) {
        return owner(wf).map(o -> o.path("name").asText("")).filter(n -> !n.isEmpty());
    }

    private static Optional<JsonNode> owner(ObjectNode wf) {
        for (JsonNode ref : wf.path("metadata").path("ownerReferences")) {
            if (ref.path("controller").asBoolean(false) && ref.path("kind").asText("").equals("CronWorkflow")) {
                return Optional.of(ref);
            }
        }
        return Optional.empty();
    }

    private static ChildWorkflow child(ObjectNode wf) {
        JsonNode metadata = wf.path("metadata");
        Map<String, String> labels = new LinkedHashMap<>();
        metadata.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText("")));
        Optional<Instant> finishedAt;
        try {
            finishedAt = wf.path("status").path("finishedAt").isTextual()
                    ? Optional.of(Instant.parse(wf.path("status").path("finishedAt").asText())) : Optional.empty();
        } catch (DateTimeParseException e) {
            finishedAt = Optional.empty();
        }
        return new ChildWorkflow(metadata.path("name").asText(""), metadata.path("uid").asText(""),
                wf.path("status").path("phase").asText(""), finishedAt, labels);
    }
}
