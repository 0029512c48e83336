package dev.skiff.engine.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.golang.GoJsonSyntax;
import dev.skiff.engine.model.Invocation;
import dev.skiff.engine.model.Sequence;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Argo's loop expansion: items of withItems/withParam/withSequence, their node names and {@code item} variables. */
final class Loops {

    private Loops() {
    }

    /**
     * The items of a looping step or task (Argo's expandStep/expandTask before processItem).
     *
     * @throws ReconcileException when the loop has more than {@code limits} allow
     */
    static List<JsonNode> items(Invocation call, ReconcileLimits limits) {
        if (!call.withItems().isEmpty()) {
            return bounded("withItems", call.withItems(), limits);
        }
        if (!call.withParam().isEmpty()) {
            String reason = null;
            List<JsonNode> out = new ArrayList<>();
            java.util.Optional<String> syntax = GoJsonSyntax.error(call.withParam());
            if (syntax.isPresent()) {
                reason = syntax.get();
            } else {
                JsonNode parsed = GoJson.parse(call.withParam());
                if (parsed.isArray()) {
                    parsed.forEach(out::add);
                } else if (!parsed.isNull()) {
                    reason = "json: cannot unmarshal " + kind(parsed) + " into Go value of type []v1alpha1.Item";
                }
            }
            if (reason == null) {
                return bounded("withParam", out, limits);
            }
            if (whenAllowsSkipping(call.when())) {
                return List.of();
            }
            throw new ReconcileException("withParam value could not be parsed as a JSON list: "
                    + call.withParam().strip() + ": " + reason);
        }
        if (call.withSequence().isPresent()) {
            try {
                return sequence(call.withSequence().get(), limits);
            } catch (ReconcileException e) {
                if (whenAllowsSkipping(call.when())) {
                    return List.of();
                }
                throw e;
            }
        }
        throw new ReconcileException("expandStep() was called with withItems and withParam empty");
    }

    private static List<JsonNode> bounded(String loop, List<JsonNode> items, ReconcileLimits limits) {
        if (limits.tooManyLoopItems(items.size())) {
            throw new ReconcileException(limits.loopTooLarge(loop, items.size()));
        }
        return items;
    }

    /** Argo proceeds with no items when parsing fails but the (unparameterised) condition is false. */
    private static boolean whenAllowsSkipping(String when) {
        try {
            return !Tags.when(when);
        } catch (ReconcileException e) {
            return false;
        }
    }

    private static String kind(JsonNode node) {
        return node.isObject() ? "object" : node.isTextual() ? "string" : node.isNumber() ? "number"
                : node.isBoolean() ? "bool" : "value";
    }

    /** Argo's expandSequence; the size is checked against {@code limits} before any item is made. */
    static List<JsonNode> sequence(Sequence seq, ReconcileLimits limits) {
        long start = seq.start().map(s -> atoi(s)).orElse(0L);
        long end;
        if (seq.end().isPresent()) {
            end = atoi(seq.end().get());
        } else if (seq.count().isPresent()) {
            long count = atoi(seq.count().get());
            if (count == 0) {
                return List.of();
            }
            end = saturatedEnd(start, count);
        } else {
            throw new ReconcileException("neither end nor count was specified in withSequence");
        }
        long size = Sequence.span(start, end);
        if (limits.tooManyLoopItems(size)) {
            throw new ReconcileException(limits.loopTooLarge("withSequence", size));
        }
        String format = seq.format().isEmpty() ? "%d" : seq.format().replace("%v", "%d");
        List<JsonNode> items = new ArrayList<>();
        long step = start <= end ? 1 : -1;
        for (long i = start; step > 0 ? i <= end : i >= end; i += step) {
            String text;
            try {
                text = String.format(format, i);
            } catch (java.util.IllegalFormatException e) {
                text = format + "%!(EXTRA int=" + i + ")";
            }
            items.add(JsonNodeFactory.instance.textNode(text));
        }
        return items;
    }

    private static long saturatedEnd(long start, long count) {
        try {
            return Math.addExact(start, count - 1);
        } catch (ArithmeticException e) {
            return count > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
    }

    /** Go's {@code strconv.Atoi} on a 64-bit platform. */
    private static long atoi(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            String why = text.matches("[+-]?[0-9]+") ? "value out of range" : "invalid syntax";
            throw new ReconcileException("strconv.Atoi: parsing \"" + text + "\": " + why);
        }
    }

    /** Argo's generateNodeName: {@code name(index:description)} without parentheses in the description. */
    static String nodeName(String name, int index, JsonNode item) {
        String desc;
        if (item.isObject()) {
            List<String> vals = new ArrayList<>();
            item.fields().forEachRemaining(e -> vals.add(e.getKey() + ":" + itemString(e.getValue())));
            vals.sort(null);
            desc = String.join(",", vals);
        } else if (item.isArray() || item.isNull()) {
            List<String> parts = new ArrayList<>();
            item.forEach(e -> parts.add(itemString(e)));
            desc = "[" + String.join(" ", parts) + "]";
        } else {
            desc = itemString(item);
        }
        return name + "(" + index + ":" + desc.replace("(", "").replace(")", "") + ")";
    }

    /** The {@code item} and {@code item.<key>} variables of one loop item (Argo's processItem). */
    static Map<String, Object> itemScope(JsonNode item) {
        Map<String, Object> scope = new HashMap<>();
        if (item.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = item.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                scope.put("item." + e.getKey(), itemString(e.getValue()));
            }
            scope.put("item", GoJson.marshal(sorted(item)));
        } else if (item.isArray() || item.isNull()) {
            scope.put("item", GoJson.marshal(item.isNull() ? JsonNodeFactory.instance.arrayNode() : sorted(item)));
        } else if (item.isTextual()) {
            scope.put("item", item.textValue());
        } else {
            scope.put("item", scalar(item));
        }
        return scope;
    }

    /** Argo's Item.String(): strings JSON-escaped without quotes, anything else compact JSON. */
    static String itemString(JsonNode item) {
        if (item.isTextual()) {
            String json = GoJson.marshalFixed(item);
            return json.substring(1, json.length() - 1);
        }
        if (item.isNumber() || item.isBoolean()) {
            return scalar(item);
        }
        return GoJson.marshalFixed(sorted(item));
    }

    private static String scalar(JsonNode item) {
        if (item.isIntegralNumber()) {
            return item.bigIntegerValue().toString();
        }
        if (item.isNumber()) {
            BigDecimal d = item.decimalValue().stripTrailingZeros();
            return d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
        }
        return item.asText();
    }

    /** A copy with object keys sorted, as Go marshals maps. */
    static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            node.fields().forEachRemaining(e -> fields.put(e.getKey(), sorted(e.getValue())));
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            fields.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode();
            node.forEach(e -> out.add(sorted(e)));
            return out;
        }
        return node;
    }

    /** Argo's parseLoopIndex: the index in {@code name(index:...)}. */
    static int loopIndex(String nodeName) {
        int open = nodeName.lastIndexOf('(');
        String rest = open < 0 ? nodeName : nodeName.substring(open + 1);
        int colon = rest.indexOf(':');
        String digits = colon < 0 ? rest : rest.substring(0, colon);
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
