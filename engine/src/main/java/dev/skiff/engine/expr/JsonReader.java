package dev.skiff.engine.expr;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.skiff.engine.golang.GoJsonSyntax;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Decodes JSON into the value model the way Go decodes into {@code interface{}} (all numbers float64). */
final class JsonReader {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonReader() {
    }

    /** The decoded value; malformed JSON fails with Go's encoding/json message (what expr-lang's fromJSON shows). */
    static Object read(String json) {
        Optional<String> syntax = GoJsonSyntax.error(json);
        if (syntax.isPresent()) {
            throw new ExpressionException(syntax.get());
        }
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new ExpressionException("unexpected end of JSON input");
            }
            Object value = value(p, first);
            if (p.nextToken() != null) {
                throw new ExpressionException("invalid character after top-level value in JSON " + abbreviate(json));
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new ExpressionException("invalid JSON " + abbreviate(json) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ExpressionException("invalid JSON: " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String s) {
        return Values.goQuote(s.length() > 80 ? s.substring(0, 77) + "..." : s);
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                JsonToken k;
                while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    map.remove(name);
                    map.put(name, value(p, p.nextToken()));
                }
                yield map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(value(p, e));
                }
                yield list;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getValueAsDouble();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new ExpressionException("unexpected JSON token " + t);
        };
    }
}
