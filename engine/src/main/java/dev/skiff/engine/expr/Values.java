package dev.skiff.engine.expr;

import java.util.List;
import java.util.Map;

/**
 * Go/Argo-compatible handling of expression values. The value model is {@code null}, Boolean, Long
 * (expr ints), Double (floats), String, {@code List<Object>} and {@code Map<String,Object>}.
 */
public final class Values {
    private Values() {
    }

    /**
     * How Argo writes an expression result into a template: strings raw, everything else as Go's
     * {@code json.Marshal} output (so {@code 3.0} is {@code 3}, lists are JSON, {@code <} is {@code \u003c}
     * inside JSON). Throws ExpressionException for values JSON cannot represent (NaN, infinities).
     */
    public static String toTemplateString(Object value) {
        if (value instanceof String s) {
            return s;
        }
        return toJson(value);
    }

    /** Go {@code encoding/json.Marshal}: map keys sorted, floats like Go (1, 1.5, 1e+21), HTML characters escaped. */
    public static String toJson(Object value) {
        return GoJson.marshal(value);
    }

    /**
     * Go {@code json.Unmarshal} into {@code interface{}}: objects become LinkedHashMaps, arrays lists and
     * every number a Double (Go decodes all JSON numbers as float64). Throws ExpressionException on bad JSON.
     */
    public static Object fromJson(String json) {
        return JsonReader.read(json);
    }

    /** Go's {@code strconv.ParseFloat(s, 64)} for decimal text (also inf/NaN); empty when Go would fail. */
    public static java.util.Optional<Double> parseGoFloat(String s) {
        return ConversionBuiltins.parseGoFloat(s);
    }

    /** Go's {@code fmt.Sprint(v)} ({@code %v}): floats as {@code 1e+06}, nil as {@code <nil>}, maps as {@code map[k:v]}. */
    public static String sprint(Object v) {
        return formatV(v);
    }

    /** Go's {@code fmt.Sprint(v)} ({@code %v}), used by expr's {@code string()}. */
    static String formatV(Object v) {
        StringBuilder sb = new StringBuilder();
        formatV(sb, v);
        return sb.toString();
    }

    private static void formatV(StringBuilder sb, Object v) {
        switch (v) {
            case null -> sb.append("<nil>");
            case Double d -> sb.append(GoFloat.formatV(d));
            case List<?> list -> {
                sb.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        sb.append(' ');
                    }
                    formatV(sb, list.get(i));
                }
                sb.append(']');
            }
            case Map<?, ?> map -> {
                sb.append("map[");
                boolean first = true;
                for (Object k : map.keySet().stream().map(String::valueOf).sorted().toList()) {
                    if (!first) {
                        sb.append(' ');
                    }
                    first = false;
                    sb.append(k).append(':');
                    formatV(sb, map.get(k));
                }
                sb.append(']');
            }
            default -> sb.append(v);
        }
    }

    /** Go's name of the dynamic type of a value, for error messages. */
    static String typeName(Object v) {
        return switch (v) {
            case null -> "<nil>";
            case Boolean b -> "bool";
            case Long l -> "int";
            case Integer i -> "int";
            case Double d -> "float64";
            case String s -> "string";
            case List<?> l -> "[]interface {}";
            case Map<?, ?> m -> "map[string]interface {}";
            default -> v.getClass().getSimpleName();
        };
    }

    /** Go's {@code %q} / {@code strconv.Quote} of a string. */
    static String goQuote(String s) {
        return dev.skiff.engine.golang.GoStrconv.quote(s);
    }
}
