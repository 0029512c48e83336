package dev.skiff.engine.expr;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** expr-lang's runtime arithmetic and comparison: int stays int, any float makes float, {@code /} is float. */
final class Arithmetic {
    private Arithmetic() {
    }

    static boolean isNumber(Object v) {
        return v instanceof Long || v instanceof Double || v instanceof Integer;
    }

    static boolean isInt(Object v) {
        return v instanceof Long || v instanceof Integer;
    }

    static double toDouble(Object v, String op) {
        if (v instanceof Number n && isNumber(v)) {
            return n.doubleValue();
        }
        throw new EvalError("invalid operation: " + op + "(" + Values.typeName(v) + ")");
    }

    /** Go's {@code int(x)} conversion of a number (floats truncate toward zero). */
    static long toInt(Object v, String op) {
        if (isInt(v)) {
            return ((Number) v).longValue();
        }
        if (v instanceof Double d) {
            return goFloatToInt(d);
        }
        throw new EvalError("invalid operation: " + op + "(" + Values.typeName(v) + ")");
    }

    /** Go converts out-of-range floats to the minimum int64 on amd64; in-range values truncate. */
    static long goFloatToInt(double d) {
        if (Double.isNaN(d) || d >= 9.223372036854775807E18 || d < -9.223372036854775808E18) {
            return Long.MIN_VALUE;
        }
        return (long) d;
    }

    private static EvalError mismatch(Object a, String op, Object b) {
        return new EvalError("invalid operation: " + Values.typeName(a) + " " + op + " " + Values.typeName(b));
    }

    static Object add(Object a, Object b) {
        if (isInt(a) && isInt(b)) {
            return ((Number) a).longValue() + ((Number) b).longValue();
        }
        if (isNumber(a) && isNumber(b)) {
            return ((Number) a).doubleValue() + ((Number) b).doubleValue();
        }
        if (a instanceof String x && b instanceof String y) {
            return x + y;
        }
        throw mismatch(a, "+", b);
    }

    static Object subtract(Object a, Object b) {
        if (isInt(a) && isInt(b)) {
            return ((Number) a).longValue() - ((Number) b).longValue();
        }
        if (isNumber(a) && isNumber(b)) {
            return ((Number) a).doubleValue() - ((Number) b).doubleValue();
        }
        throw mismatch(a, "-", b);
    }

    static Object multiply(Object a, Object b) {
        if (isInt(a) && isInt(b)) {
            return ((Number) a).longValue() * ((Number) b).longValue();
        }
        if (isNumber(a) && isNumber(b)) {
            return ((Number) a).doubleValue() * ((Number) b).doubleValue();
        }
        throw mismatch(a, "*", b);
    }

    static Object divide(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            return ((Number) a).doubleValue() / ((Number) b).doubleValue();
        }
        throw mismatch(a, "/", b);
    }

    static Object modulo(Object a, Object b) {
        if (isInt(a) && isInt(b)) {
            long y = ((Number) b).longValue();
            if (y == 0) {
                throw new EvalError("integer divide by zero");
            }
            return ((Number) a).longValue() % y;
        }
        throw mismatch(a, "%", b);
    }

    static Object power(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            return Math.pow(((Number) a).doubleValue(), ((Number) b).doubleValue());
        }
        throw new EvalError("invalid operation: float(" + Values.typeName(isNumber(a) ? b : a) + ")");
    }

    static Object negate(Object v) {
        if (isInt(v)) {
            return -((Number) v).longValue();
        }
        if (v instanceof Double d) {
            return -d;
        }
        throw new EvalError("invalid operation: - " + Values.typeName(v));
    }

    /** expr's {@code runtime.Less}-family: numbers with numbers, strings with strings. */
    static int compare(Object a, Object b, String op) {
        if (isInt(a) && isInt(b)) {
            return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
        }
        if (isNumber(a) && isNumber(b)) {
            double x = ((Number) a).doubleValue();
            double y = ((Number) b).doubleValue();
            return x < y ? -1 : x > y ? 1 : x == y ? 0 : 2;
        }
        if (a instanceof String x && b instanceof String y) {
            return Strings.compareBytes(x, y);
        }
        throw mismatch(a, op, b);
    }

    /** expr's {@code runtime.Equal}: numeric across int/float, lists element-wise, otherwise deep equality. */
    static boolean equal(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            if (isInt(a) && isInt(b)) {
                return ((Number) a).longValue() == ((Number) b).longValue();
            }
            return ((Number) a).doubleValue() == ((Number) b).doubleValue();
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return deepEqual(a, b);
    }

    /** Go's {@code reflect.DeepEqual} on the value model: no int/float mixing. */
    static boolean deepEqual(Object a, Object b) {
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !deepEqual(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!deepEqual(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Double x && b instanceof Double y) {
            return x.doubleValue() == y.doubleValue();
        }
        return Objects.equals(a, b);
    }
}
