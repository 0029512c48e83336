package dev.skiff.engine.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.skiff.engine.golang.GoJsonSyntax;
import dev.skiff.engine.model.Parameter;
import dev.skiff.engine.model.ParameterJson;
import java.util.List;

/** JSON text as Go's encoding/json.Marshal writes it: compact, with {@code <>&} escaped. */
final class GoJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private GoJson() {
    }

    static String marshal(JsonNode node) {
        try {
            return escapeHtml(MAPPER.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compact JSON without Go's HTML escaping (Argo's jsonutil.Fix undoes it). */
    static String marshalFixed(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String escapeHtml(String json) {
        if (json.indexOf('<') < 0 && json.indexOf('>') < 0 && json.indexOf('&') < 0
                && json.indexOf('\u2028') < 0 && json.indexOf('\u2029') < 0) {
            return json;
        }
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    /** Go's json.Marshal of a []Parameter. */
    static String parameters(List<Parameter> parameters) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        parameters.forEach(p -> array.add(ParameterJson.write(p)));
        return marshal(array);
    }

    /** Go's json.Marshal of a string. */
    static String string(String value) {
        return marshal(JsonNodeFactory.instance.textNode(value));
    }

    /** Parses JSON; malformed input fails with Go's encoding/json message. */
    static JsonNode parse(String json) {
        java.util.Optional<String> error = GoJsonSyntax.error(json);
        if (error.isPresent()) {
            throw new ReconcileException(error.get());
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ReconcileException(e.getOriginalMessage());
        }
    }
}
