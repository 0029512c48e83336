package dev.skiff.engine.expr;

import java.util.List;

/** Argument conversion for sprig functions, mimicking Go's reflective calls and spf13/cast. */
final class SprigArgs {
    private SprigArgs() {
    }

    static void arity(String fn, List<Object> a, int n) {
        if (a.size() != n) {
            throw new EvalError("invalid number of arguments to sprig." + fn + ": expected " + n + ", got " + a.size());
        }
    }

    /** A {@code string} parameter: nil becomes "", other non-strings are a reflect call error. */
    static String str(String fn, List<Object> a, int arity, int i) {
        arity(fn, a, arity);
        return asString(a.get(i));
    }

    static String asString(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof String s) {
            return s;
        }
        throw new EvalError("reflect: Call using " + Values.typeName(v) + " as type string");
    }

    /** An {@code int} parameter. */
    static long integer(Object v) {
        if (v == null) {
            return 0;
        }
        if (Arithmetic.isInt(v)) {
            return ((Number) v).longValue();
        }
        throw new EvalError("reflect: Call using " + Values.typeName(v) + " as type int");
    }

    /** sprig's {@code strval}: strings as they are, everything else as {@code %v}. */
    static String strval(Object v) {
        return v instanceof String s ? s : Values.formatV(v);
    }

    /** spf13/cast {@code ToInt64}: numbers truncate, numeric strings parse, bools are 0/1, the rest 0. */
    static long toInt64(Object v) {
        return switch (v) {
            case Long l -> l;
            case Double d -> Arithmetic.goFloatToInt(d);
            case Boolean b -> b ? 1 : 0;
            case String s -> {
                String t = s.replaceFirst("\\.0*$", "");
                try {
                    yield t.startsWith("0x") || t.startsWith("0X") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
                } catch (NumberFormatException e) {
                    yield 0L;
                }
            }
            case null, default -> 0L;
        };
    }

    /** spf13/cast {@code ToFloat64}. */
    static double toFloat64(Object v) {
        return switch (v) {
            case Long l -> l;
            case Double d -> d;
            case Boolean b -> b ? 1 : 0;
            case String s -> Values.parseGoFloat(s).orElse(0.0);
            case null, default -> 0.0;
        };
    }

    /** sprig's {@code empty}: nil, "", 0, false and empty collections. */
    static boolean empty(Object v) {
        return switch (v) {
            case null -> true;
            case String s -> s.isEmpty();
            case Long l -> l == 0;
            case Double d -> d == 0;
            case Boolean b -> !b;
            case List<?> l -> l.isEmpty();
            case java.util.Map<?, ?> m -> m.isEmpty();
            default -> false;
        };
    }
}
