package dev.skiff.executor.pod.json;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * JSON text as Go's {@code encoding/json} writes it: compact, with {@code <}, {@code >}, {@code &}, U+2028 and
 * U+2029 escaped as {@code \\u003c}-style sequences, so that sizes compare with Argo's (its limit on
 * {@code ARGO_TEMPLATE} counts bytes of Go's JSON).
 */
public final class GoJson {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    private GoJson() {
    }

    /** The tree as compact JSON with Go's escaping. */
    public static String write(Object tree) {
        String plain = GSON.toJson(JsonTree.toGson(tree));
        StringBuilder out = new StringBuilder(plain.length() + 16);
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            switch (c) {
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** How many bytes Go's JSON of the tree has (UTF-8). */
    public static int byteLength(String json) {
        return json.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Parses JSON text into a tree; throws {@link IllegalArgumentException} naming the problem. */
    public static Object read(String json) {
        try (JsonReader reader = new JsonReader(new StringReader(json))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement element = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new IllegalArgumentException("not valid JSON: text after the value");
            }
            return JsonTree.fromGson(element);
        } catch (JsonParseException | IOException | IllegalStateException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
    }
}
