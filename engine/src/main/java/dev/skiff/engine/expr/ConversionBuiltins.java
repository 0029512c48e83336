package dev.skiff.engine.expr;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** expr-lang conversion builtins: len, type, int, float, string, toJSON, fromJSON, toBase64, fromBase64. */
final class ConversionBuiltins {
    private static final Pattern GO_FLOAT = Pattern.compile(
        "[+-]?(?:(?:\\d+(?:_\\d+)*\\.?\\d*(?:_\\d+)*|\\.\\d+)(?:[eE][+-]?\\d+)?|(?i:inf|infinity|nan))");
    private static final Pattern GO_INT = Pattern.compile("[+-]?\\d+");

    private ConversionBuiltins() {
    }

    static void register(Map<String, Fn> t) {
        t.put("len", a -> {
            Args.count("len", a, 1, 1);
            return switch (a.get(0)) {
                case List<?> l -> (long) l.size();
                case Map<?, ?> m -> (long) m.size();
                case String s -> Strings.runeCount(s);
                case null, default -> throw new EvalError("invalid argument for len (type " + Values.typeName(a.get(0)) + ")");
            };
        });
        t.put("type", a -> {
            Args.count("type", a, 1, 1);
            return switch (a.get(0)) {
                case null -> "nil";
                case Boolean b -> "bool";
                case Long l -> "int";
                case Double d -> "float";
                case String s -> "string";
                case List<?> l -> "array";
                case Map<?, ?> m -> "map";
                default -> "unknown";
            };
        });
        t.put("int", a -> {
            Args.count("int", a, 1, 1);
            return toInt(a.get(0));
        });
        t.put("float", a -> {
            Args.count("float", a, 1, 1);
            return toFloat(a.get(0));
        });
        t.put("string", a -> {
            Args.count("string", a, 1, 1);
            return Values.formatV(a.get(0));
        });
        t.put("toJSON", a -> {
            Args.count("toJSON", a, 1, 1);
            return GoJson.marshalIndent(a.get(0), "  ");
        });
        t.put("fromJSON", a -> {
            Args.count("fromJSON", a, 1, 1);
            try {
                return Values.fromJson(Args.str("fromJSON", a, 0));
            } catch (ExpressionException e) {
                throw new EvalError(e.getMessage());
            }
        });
        t.put("toBase64", a -> {
            Args.count("toBase64", a, 1, 1);
            return Base64.getEncoder().encodeToString(Args.str("toBase64", a, 0).getBytes(StandardCharsets.UTF_8));
        });
        t.put("fromBase64", a -> {
            Args.count("fromBase64", a, 1, 1);
            try {
                return new String(Base64.getDecoder().decode(Args.str("fromBase64", a, 0)), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new EvalError("illegal base64 data: " + e.getMessage());
            }
        });
    }

    /** expr's {@code int()} (Argo's {@code asInt}): numbers truncate, strings must be decimal integers. */
    static Object toInt(Object v) {
        if (v instanceof String s) {
            if (GO_INT.matcher(s).matches()) {
                try {
                    return Long.parseLong(s);
                } catch (NumberFormatException e) {
                    // out of range: falls through to the error
                }
            }
            throw new EvalError("invalid operation: int(" + s + ")");
        }
        return Arithmetic.toInt(v, "int");
    }

    /** expr's {@code float()} (Argo's {@code asFloat}). */
    static Object toFloat(Object v) {
        if (v instanceof String s) {
            return parseGoFloat(s).orElseThrow(() -> new EvalError("invalid operation: float(" + s + ")"));
        }
        return Arithmetic.toDouble(v, "float");
    }

    /** Go's {@code strconv.ParseFloat(s, 64)} for decimal input (hex floats are not accepted). */
    static java.util.Optional<Double> parseGoFloat(String s) {
        if (!GO_FLOAT.matcher(s).matches()) {
            return java.util.Optional.empty();
        }
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        String body = lower.replaceFirst("^[+-]", "");
        boolean negative = lower.startsWith("-");
        if (body.equals("inf") || body.equals("infinity")) {
            return java.util.Optional.of(negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        if (body.equals("nan")) {
            return java.util.Optional.of(Double.NaN);
        }
        if (s.contains("_")) {
            return java.util.Optional.empty();
        }
        double d = Double.parseDouble(s);
        return Double.isInfinite(d) ? java.util.Optional.empty() : java.util.Optional.of(d);
    }
}
