package dev.skiff.engine.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Builds one document's tree from the parser's tokens, as Go's YAML library (go.yaml.in/yaml/v2, which Argo
 * reads manifests with) resolves it: an alias stands for a copy of its anchor's node; a merge key {@code <<}
 * takes a mapping or a list of mappings whose entries are set at that point of the mapping (keys after it
 * override them; in a list, earlier mappings win). Scalars become the nodes Jackson's {@code readTree} makes.
 */
final class YamlTreeBuilder {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** An anchored node and how many nodes it holds, aliases counted expanded. */
    private record Anchored(JsonNode node, long size) {
    }

    private final EventYamlParser parser;
    private final YamlLimits limits;
    private final Map<String, Anchored> anchors = new HashMap<>();
    private long nodes;
    private long aliasNodes;

    YamlTreeBuilder(EventYamlParser parser, YamlLimits limits) {
        this.parser = parser;
        this.limits = limits;
    }

    /** The document whose first token is the parser's current token {@code first}. */
    JsonNode document(JsonToken first) throws IOException {
        anchors.clear();
        return value(first, 0);
    }

    private JsonNode value(JsonToken token, int depth) throws IOException {
        if (parser.isCurrentAlias()) {
            return alias(parser.getText());
        }
        if (depth > limits.maxDepth()) {
            throw problem("the text nests deeper than " + limits.maxDepth() + " levels");
        }
        Optional<String> anchor = parser.anchor();
        long before = nodes;
        nodes++;
        JsonNode node = switch (token) {
            case START_OBJECT -> object(depth);
            case START_ARRAY -> array(depth);
            default -> scalar(token);
        };
        anchor.ifPresent(name -> anchors.put(name, new Anchored(node, nodes - before)));
        return node;
    }

    private JsonNode alias(String name) {
        Anchored anchored = anchors.get(name);
        if (anchored == null) {
            throw problem("unknown anchor '" + name + "' referenced (an alias *" + name
                    + " needs an &" + name + " earlier in the same document)");
        }
        aliasNodes += anchored.size();
        if (aliasNodes > limits.maxAliasNodes()) {
            throw problem("aliases expand to more than " + limits.maxAliasNodes() + " nodes, Skiff's limit against "
                    + "alias bombs (\"billion laughs\"); write the repeated parts out, or alias smaller parts");
        }
        nodes += anchored.size();
        return anchored.node().deepCopy();
    }

    private ObjectNode object(int depth) throws IOException {
        ObjectNode object = NODES.objectNode();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            boolean merge = parser.isMergeKey();
            JsonLocation at = parser.currentTokenLocation();
            JsonNode value = value(parser.nextToken(), depth + 1);
            if (merge) {
                merge(object, value, at);
            } else {
                object.set(key, value);
            }
        }
        expect(token, JsonToken.END_OBJECT);
        return object;
    }

    /** Go's YAML {@code merge}: a mapping, or a list of mappings applied last to first so that earlier ones win. */
    private static void merge(ObjectNode into, JsonNode value, JsonLocation at) {
        if (value.isObject()) {
            into.setAll((ObjectNode) value);
            return;
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (!element.isObject()) {
                    throw mergeProblem(at);
                }
            }
            for (int i = value.size() - 1; i >= 0; i--) {
                Iterator<Map.Entry<String, JsonNode>> fields = value.get(i).fields();
                fields.forEachRemaining(e -> into.set(e.getKey(), e.getValue()));
            }
            return;
        }
        throw mergeProblem(at);
    }

    private static YamlException mergeProblem(JsonLocation at) {
        return new YamlException(at.getLineNr(), at.getColumnNr(),
                "a merge key << needs a mapping or a list of mappings as its value", null);
    }

    private ArrayNode array(int depth) throws IOException {
        ArrayNode array = NODES.arrayNode();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
            array.add(value(token, depth + 1));
        }
        expect(token, JsonToken.END_ARRAY);
        return array;
    }

    /** The node Jackson's {@code readTree} (its JsonNodeDeserializer) makes of a scalar token. */
    private JsonNode scalar(JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> switch (parser.getNumberTypeFP()) {
                case BIG_DECIMAL -> NODES.numberNode(parser.getDecimalValue());
                case FLOAT32 -> NODES.numberNode(parser.getFloatValue());
                default -> NODES.numberNode(parser.getDoubleValue());
            };
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            case VALUE_EMBEDDED_OBJECT -> embedded(parser.getEmbeddedObject());
            default -> throw problem("unexpected " + token);
        };
    }

    private static JsonNode embedded(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof byte[] bytes) {
            return NODES.binaryNode(bytes);
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        return NODES.pojoNode(value);
    }

    private void expect(JsonToken token, JsonToken expected) {
        if (token != expected) {
            throw problem("the text ends inside a " + (expected == JsonToken.END_OBJECT ? "mapping" : "list"));
        }
    }

    private YamlException problem(String message) {
        JsonLocation at = parser.currentTokenLocation();
        return new YamlException(at.getLineNr(), at.getColumnNr(), message, null);
    }
}
