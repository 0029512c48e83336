package dev.skiff.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes and reads {@link WorkflowStatus} in Argo's JSON shape: Go's field names and order, omitted
 * empty fields, RFC 3339 times in whole seconds, {@code null} for unset times as Go prints them.
 */
final class StatusJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private StatusJson() {
    }

    static ObjectNode write(WorkflowStatus status) {
        ObjectNode out = JSON.objectNode();
        out.put("phase", status.phase().argoName());
        putTime(out, "startedAt", status.startedAt());
        putTime(out, "finishedAt", status.finishedAt());
        putIfNotEmpty(out, "progress", status.progress());
        putIfNotEmpty(out, "message", status.message());
        if (!status.nodes().isEmpty()) {
            ObjectNode nodes = out.putObject("nodes");
            new java.util.TreeMap<>(status.nodes()).forEach((id, node) -> nodes.set(id, writeNode(node)));
        }
        if (!status.storedTemplates().isEmpty()) {
            ObjectNode stored = out.putObject("storedTemplates");
            new java.util.TreeMap<>(status.storedTemplates()).forEach((key, t) -> stored.set(key, t.deepCopy()));
        }
        status.outputs().ifPresent(o -> out.set("outputs", ParameterJson.writeOutputs(o)));
        if (!status.conditions().isEmpty()) {
            ArrayNode conditions = out.putArray("conditions");
            for (Condition c : status.conditions()) {
                ObjectNode cn = conditions.addObject();
                putIfNotEmpty(cn, "type", c.type());
                putIfNotEmpty(cn, "status", c.status());
                putIfNotEmpty(cn, "message", c.message());
            }
        }
        status.storedWorkflowTemplateSpec().ifPresent(spec -> out.set("storedWorkflowTemplateSpec", spec.deepCopy()));
        return out;
    }

    static ObjectNode writeNode(NodeStatus node) {
        ObjectNode out = JSON.objectNode();
        out.put("id", node.id());
        out.put("name", node.name());
        putIfNotEmpty(out, "displayName", node.displayName());
        out.put("type", node.type().argoName());
        putIfNotEmpty(out, "templateName", node.templateName());
        node.templateRef().ifPresent(ref -> out.set("templateRef", ref.toJson()));
        putIfNotEmpty(out, "templateScope", node.templateScope());
        out.put("phase", node.phase().argoName());
        putIfNotEmpty(out, "boundaryID", node.boundaryId());
        putIfNotEmpty(out, "message", node.message());
        putTime(out, "startedAt", node.startedAt());
        putTime(out, "finishedAt", node.finishedAt());
        putIfNotEmpty(out, "progress", node.progress());
        putIfNotEmpty(out, "podIP", node.podIp());
        if (node.daemoned()) {
            out.put("daemoned", true);
        }
        node.nodeFlag().ifPresent(flag -> {
            ObjectNode f = out.putObject("nodeFlag");
            if (flag.hooked()) {
                f.put("hooked", true);
            }
            if (flag.retried()) {
                f.put("retried", true);
            }
        });
        node.inputs().ifPresent(i -> out.set("inputs", ParameterJson.writeInputs(i)));
        node.outputs().ifPresent(o -> out.set("outputs", ParameterJson.writeOutputs(o)));
        if (!node.children().isEmpty()) {
            ArrayNode children = out.putArray("children");
            node.children().forEach(children::add);
        }
        if (!node.outboundNodes().isEmpty()) {
            ArrayNode outbound = out.putArray("outboundNodes");
            node.outboundNodes().forEach(outbound::add);
        }
        return out;
    }

    static WorkflowStatus read(JsonNode node) {
        String path = "status";
        Map<String, NodeStatus> nodes = new LinkedHashMap<>();
        JsonFields.object(node, "nodes", path).ifPresent(n -> n.properties().forEach(e -> {
            if (e.getValue().isObject()) {
                nodes.put(e.getKey(), readNode(e.getKey(), e.getValue(), path + ".nodes." + e.getKey()));
            }
        }));
        List<Condition> conditions = new ArrayList<>();
        for (JsonNode c : JsonFields.list(node, "conditions", path)) {
            conditions.add(new Condition(JsonFields.text(c, "type", path), JsonFields.text(c, "status", path),
                    JsonFields.text(c, "message", path)));
        }
        WorkflowPhase phase = WorkflowPhase.fromArgoName(JsonFields.text(node, "phase", path))
                .orElse(WorkflowPhase.PENDING);
        Map<String, ObjectNode> stored = new LinkedHashMap<>();
        JsonFields.object(node, "storedTemplates", path).ifPresent(s -> s.properties().forEach(e -> {
            if (e.getValue() instanceof ObjectNode t) {
                stored.put(e.getKey(), t.deepCopy());
            }
        }));
        return new WorkflowStatus(phase, time(node, "startedAt"), time(node, "finishedAt"),
                JsonFields.text(node, "progress", path), JsonFields.text(node, "message", path), nodes,
                JsonFields.object(node, "outputs", path).map(o -> ParameterJson.readOutputs(o, path + ".outputs")),
                conditions, stored,
                JsonFields.object(node, "storedWorkflowTemplateSpec", path).map(ObjectNode::deepCopy));
    }

    private static NodeStatus readNode(String id, JsonNode n, String path) {
        Optional<NodeFlag> flag = JsonFields.object(n, "nodeFlag", path).map(f -> new NodeFlag(
                JsonFields.bool(f, "hooked", path).orElse(false), JsonFields.bool(f, "retried", path).orElse(false)));
        return new NodeStatus(JsonFields.optText(n, "id", path).orElse(id), JsonFields.text(n, "name", path),
                JsonFields.text(n, "displayName", path),
                NodeType.fromArgoName(JsonFields.text(n, "type", path)).orElse(NodeType.SKIPPED),
                JsonFields.text(n, "templateName", path),
                JsonFields.object(n, "templateRef", path).map(r -> TemplateRef.readObject(r, path + ".templateRef")),
                JsonFields.text(n, "templateScope", path),
                NodePhase.fromArgoName(JsonFields.text(n, "phase", path)).orElse(NodePhase.PENDING),
                JsonFields.text(n, "boundaryID", path), JsonFields.text(n, "message", path), time(n, "startedAt"),
                time(n, "finishedAt"), JsonFields.text(n, "progress", path), flag,
                JsonFields.object(n, "inputs", path).map(i -> ParameterJson.readInputs(i, path + ".inputs")),
                JsonFields.object(n, "outputs", path).map(o -> ParameterJson.readOutputs(o, path + ".outputs")),
                JsonFields.strings(n, "children", path), JsonFields.strings(n, "outboundNodes", path),
                JsonFields.bool(n, "daemoned", path).orElse(false), JsonFields.text(n, "podIP", path));
    }

    /** RFC 3339 in whole seconds, as Kubernetes prints times. */
    static String formatTime(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static Optional<Instant> time(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.textValue()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static void putTime(ObjectNode out, String field, Optional<Instant> at) {
        if (at.isPresent()) {
            out.put(field, formatTime(at.get()));
        } else {
            out.putNull(field);
        }
    }

    private static void putIfNotEmpty(ObjectNode out, String field, String value) {
        if (!value.isEmpty()) {
            out.put(field, value);
        }
    }
}
