package dev.skiff.auth.token;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Reads a kubeconfig's first YAML document as kubectl (Go's YAML) does: anchors, aliases and merge keys
 * ({@code <<}) resolved, with the same limits as the engine's reader (3 MiB of text, 100,000 nodes from aliases,
 * 1,000 levels). A small copy of the engine's {@code dev.skiff.engine.yaml} reader, because this plugin must not
 * depend on the engine. Errors carry only a position and a fixed description: never the content (it holds
 * secrets).
 */
final class KubeconfigYaml {

    static final int MAX_CHARS = 3 * 1024 * 1024;
    static final long MAX_ALIAS_NODES = 100_000;
    static final int MAX_DEPTH = 1_000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Factory FACTORY;

    static {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CHARS);
        FACTORY = new Factory(YAMLFactory.builder().loaderOptions(options)
                .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL));
    }

    /** Why a kubeconfig could not be read: where, and a description that quotes nothing of it. */
    static final class Problem extends Exception {
        private static final long serialVersionUID = 1L;

        Problem(String message) {
            super(message, null, false, false);
        }
    }

    private record Anchored(JsonNode node, long size) {
    }

    private final EventParser parser;
    private final Map<String, Anchored> anchors = new HashMap<>();
    private long nodes;
    private long aliasNodes;

    private KubeconfigYaml(EventParser parser) {
        this.parser = parser;
    }

    /** The first document of {@code content}; empty when there is none. */
    static Optional<JsonNode> read(byte[] content) throws Problem {
        if (content.length > MAX_CHARS) {
            throw new Problem("is " + content.length + " bytes, more than " + MAX_CHARS + " (3 MiB)");
        }
        Reader reader = new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.UTF_8);
        try (EventParser parser = (EventParser) FACTORY.createParser(reader)) {
            JsonToken first = parser.nextToken();
            return first == null ? Optional.empty() : Optional.of(new KubeconfigYaml(parser).value(first, 0));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new Problem("is not valid YAML" + (at == null ? "" : " (line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new Problem("cannot be read");
        }
    }

    private JsonNode value(JsonToken token, int depth) throws IOException, Problem {
        if (parser.isCurrentAlias()) {
            Anchored anchored = anchors.get(parser.getText());
            if (anchored == null) {
                throw problem("uses an alias whose anchor is not defined before it");
            }
            aliasNodes += anchored.size();
            if (aliasNodes > MAX_ALIAS_NODES) {
                throw problem("has aliases that expand to more than " + MAX_ALIAS_NODES + " nodes");
            }
            nodes += anchored.size();
            return anchored.node().deepCopy();
        }
        if (depth > MAX_DEPTH) {
            throw problem("nests deeper than " + MAX_DEPTH + " levels");
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

    private ObjectNode object(int depth) throws IOException, Problem {
        ObjectNode object = NODES.objectNode();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            boolean merge = parser.isMergeKey();
            JsonNode value = value(parser.nextToken(), depth + 1);
            if (!merge) {
                object.set(key, value);
            } else if (value.isObject()) {
                object.setAll((ObjectNode) value);
            } else if (value.isArray()) {
                for (JsonNode element : value) {
                    if (!element.isObject()) {
                        throw problem("has a merge key << whose list holds something other than mappings");
                    }
                }
                for (int i = value.size() - 1; i >= 0; i--) {
                    value.get(i).fields().forEachRemaining(e -> object.set(e.getKey(), e.getValue()));
                }
            } else {
                throw problem("has a merge key << on something other than a mapping or a list of mappings");
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw problem("ends inside a mapping");
        }
        return object;
    }

    private ArrayNode array(int depth) throws IOException, Problem {
        ArrayNode array = NODES.arrayNode();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
            array.add(value(token, depth + 1));
        }
        if (token == null) {
            throw problem("ends inside a list");
        }
        return array;
    }

    private JsonNode scalar(JsonToken token) throws IOException, Problem {
        return switch (token) {
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_EMBEDDED_OBJECT -> parser.getEmbeddedObject() instanceof byte[] bytes
                    ? NODES.binaryNode(bytes) : NODES.nullNode();
            default -> NODES.nullNode();
        };
    }

    private Problem problem(String what) {
        JsonLocation at = parser.currentTokenLocation();
        return new Problem(what + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
    }

    /** Jackson's YAML parser with the SnakeYAML event behind the current token visible (anchors, merge keys). */
    private static final class EventParser extends YAMLParser {

        EventParser(IOContext context, int parserFeatures, int formatFeatures, LoaderOptions options,
                    ObjectCodec codec, Reader reader) {
            super(context, parserFeatures, formatFeatures, options, codec, reader);
        }

        Optional<String> anchor() {
            if (_lastEvent instanceof NodeEvent node && !(_lastEvent instanceof AliasEvent)) {
                return Optional.ofNullable(node.getAnchor());
            }
            return Optional.empty();
        }

        boolean isMergeKey() {
            return _lastEvent instanceof ScalarEvent scalar && scalar.isPlain() && "<<".equals(scalar.getValue());
        }
    }

    private static final class Factory extends YAMLFactory {

        private static final long serialVersionUID = 1L;

        Factory(YAMLFactoryBuilder builder) {
            super(builder);
        }

        @Override
        protected YAMLParser _createParser(Reader reader, IOContext context) {
            return new EventParser(context, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, reader);
        }
    }
}
