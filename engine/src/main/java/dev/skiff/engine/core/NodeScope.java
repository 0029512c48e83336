package dev.skiff.engine.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.expr.ExpressionException;
import dev.skiff.engine.expr.Values;
import dev.skiff.engine.model.Artifact;
import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.Outputs;
import dev.skiff.engine.model.Parameter;
import dev.skiff.engine.model.Template;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Variables that describe sibling nodes ({@code steps.X.*}, {@code tasks.X.*}), including loop
 * aggregation: Argo's buildLocalScope, addNodeOutputsToLocalScope and processAggregateNodeOutputs.
 */
final class NodeScope {

    private NodeScope() {
    }

    /** Argo's buildLocalScope: id, times, status and outputs of a node (of a Retry node's last attempt). */
    static void addNode(RunState state, Map<String, Object> scope, String prefix, String name, NodeStatus node) {
        NodeStatus n = Retries.lastChild(state, node).orElse(node);
        String key = prefix + "." + name;
        scope.put(key + ".id", n.id());
        n.startedAt().ifPresent(t -> scope.put(key + ".startedAt", time(t)));
        n.finishedAt().ifPresent(t -> scope.put(key + ".finishedAt", time(t)));
        scope.put(key + ".status", n.phase().argoName());
        if (!n.podIp().isEmpty()) {
            scope.put(key + ".ip", n.podIp());
        }
        n.outputs().ifPresent(o -> addOutputs(scope, key, o));
    }

    static void addOutputs(Map<String, Object> scope, String key, Outputs outputs) {
        outputs.result().ifPresent(r -> scope.put(key + ".outputs.result", r));
        outputs.exitCode().ifPresent(c -> scope.put(key + ".exitCode", c));
        for (Parameter p : outputs.parameters()) {
            p.value().ifPresent(v -> scope.put(key + ".outputs.parameters." + p.name(), v));
        }
        for (Artifact a : outputs.artifacts()) {
            scope.put(key + ".outputs.artifacts." + a.name(), a);
        }
    }

    /**
     * Argo's addSkippedNodeOutputsToScope: a skipped or omitted node with no outputs still offers its
     * template's declared output parameters, as their defaults or as absent (null) values; with
     * {@code includeArtifacts} (steps, not DAGs) its output artifacts as empty artifacts.
     */
    static void addSkippedOutputs(Map<String, Object> scope, String prefix, String name, NodeStatus node,
                                  Optional<Template> template, boolean includeArtifacts) {
        if (node.outputs().isPresent() || (node.phase() != NodePhase.SKIPPED && node.phase() != NodePhase.OMITTED)
                || template.isEmpty()) {
            return;
        }
        String key = prefix + "." + name;
        for (Parameter p : template.get().outputs().parameters()) {
            Optional<String> def = p.valueFrom().flatMap(v -> v.defaultValue());
            scope.put(key + ".outputs.parameters." + p.name(), def.orElse(null));
        }
        if (includeArtifacts) {
            for (Artifact a : template.get().outputs().artifacts()) {
                scope.put(key + ".outputs.artifacts." + a.name(), Artifact.named(""));
            }
        }
    }

    /** Argo's processAggregateNodeOutputs for the children of a loop. */
    static void addAggregate(Map<String, Object> scope, String prefix, String name, List<NodeStatus> children) {
        List<NodeStatus> loop = new ArrayList<>();
        for (NodeStatus child : children) {
            if (!child.isHooked() && !child.isRetried()) {
                loop.add(child);
            }
        }
        if (loop.isEmpty()) {
            return;
        }
        loop.sort(Comparator.comparingInt(n -> Loops.loopIndex(n.name())));
        ArrayNode paramList = JsonNodeFactory.instance.arrayNode();
        Map<String, List<String>> valuesByName = new LinkedHashMap<>();
        ArrayNode results = JsonNodeFactory.instance.arrayNode();
        for (NodeStatus node : loop) {
            if (node.outputs().isEmpty() || node.phase() != NodePhase.SUCCEEDED) {
                continue;
            }
            Outputs outputs = node.outputs().get();
            if (!outputs.parameters().isEmpty()) {
                ObjectNode params = JsonNodeFactory.instance.objectNode();
                for (Parameter p : outputs.parameters()) {
                    String value = p.value().orElse("");
                    params.put(p.name(), value);
                    valuesByName.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(value);
                }
                paramList.add(sortedObject(params));
            }
            if (outputs.result().isPresent()) {
                results.add(GoJson.parse(outputs.result().get()));
            }
        }
        String key = prefix + "." + name + ".outputs";
        scope.put(key + ".result", GoJson.marshal(results));
        scope.put(key + ".parameters", GoJson.marshal(paramList));
        valuesByName.forEach((param, values) -> scope.put(key + ".parameters." + param, aggregatedList(values)));
    }

    /**
     * Argo's aggregatedJSONValueList: when every value is a JSON object or list (json.Unmarshal into {@code any}),
     * the list of them re-encoded as Go does (sorted keys, numbers as float64); otherwise the list of strings.
     */
    static String aggregatedList(List<String> values) {
        List<Object> parsed = new ArrayList<>();
        for (String value : values) {
            Object decoded;
            try {
                decoded = Values.fromJson(value);
            } catch (ExpressionException e) {
                decoded = null;
            }
            if (!(decoded instanceof List<?>) && !(decoded instanceof Map<?, ?>)) {
                ArrayNode strings = JsonNodeFactory.instance.arrayNode();
                values.forEach(strings::add);
                return GoJson.marshal(strings);
            }
            parsed.add(decoded);
        }
        return Values.toJson(parsed);
    }

    private static ObjectNode sortedObject(ObjectNode node) {
        ObjectNode sorted = JsonNodeFactory.instance.objectNode();
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        names.forEach(n -> sorted.set(n, node.get(n)));
        return sorted;
    }

    static String time(Instant at) {
        return at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
