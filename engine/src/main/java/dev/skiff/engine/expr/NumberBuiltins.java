package dev.skiff.engine.expr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** expr-lang number builtins: abs, ceil, floor, round, max, min, mean, median and the bit functions. */
final class NumberBuiltins {
    private NumberBuiltins() {
    }

    static void register(Map<String, Fn> t) {
        t.put("abs", a -> {
            Args.count("abs", a, 1, 1);
            Object v = a.get(0);
            if (Arithmetic.isInt(v)) {
                return Math.abs(((Number) v).longValue());
            }
            if (v instanceof Double d) {
                return Math.abs(d);
            }
            throw new EvalError("invalid argument for abs (type " + Values.typeName(v) + ")");
        });
        t.put("ceil", a -> rounding("ceil", a, Math::ceil));
        t.put("floor", a -> rounding("floor", a, Math::floor));
        t.put("round", a -> rounding("round", a, NumberBuiltins::roundHalfAway));
        t.put("max", a -> minMax("max", a, 1));
        t.put("min", a -> minMax("min", a, -1));
        t.put("mean", a -> {
            List<Double> values = numbers("mean", a);
            double sum = 0;
            for (double d : values) {
                sum += d;
            }
            return values.isEmpty() ? 0.0 : sum / values.size();
        });
        t.put("median", a -> {
            List<Double> values = numbers("median", a);
            if (values.isEmpty()) {
                return 0.0;
            }
            Collections.sort(values);
            int n = values.size();
            return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
        });
        bit(t, "bitand", (x, y) -> x & y);
        bit(t, "bitor", (x, y) -> x | y);
        bit(t, "bitxor", (x, y) -> x ^ y);
        bit(t, "bitnand", (x, y) -> x & ~y);
        bit(t, "bitshl", (x, y) -> x << y);
        bit(t, "bitshr", (x, y) -> x >> y);
        bit(t, "bitushr", (x, y) -> x >>> y);
        t.put("bitnot", a -> {
            Args.count("bitnot", a, 1, 1);
            return ~Args.integer("bitnot", a, 0);
        });
    }

    private interface LongOp {
        long apply(long x, long y);
    }

    private static void bit(Map<String, Fn> t, String name, LongOp op) {
        t.put(name, a -> {
            if (a.size() != 2) {
                throw new EvalError("invalid number of arguments for " + name + " (expected 2, got " + a.size() + ")");
            }
            return op.apply(Args.integer(name, a, 0), Args.integer(name, a, 1));
        });
    }

    /** Go's {@code math.Round}: half away from zero, exact on the binary value. */
    static double roundHalfAway(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return d;
        }
        double r = new java.math.BigDecimal(d).setScale(0, java.math.RoundingMode.HALF_UP).doubleValue();
        return Math.copySign(r, d);
    }

    private static Object rounding(String name, List<Object> a, java.util.function.DoubleUnaryOperator op) {
        Args.count(name, a, 1, 1);
        Object v = a.get(0);
        if (Arithmetic.isNumber(v)) {
            return op.applyAsDouble(((Number) v).doubleValue());
        }
        throw new EvalError("invalid argument for " + name + " (type " + Values.typeName(v) + ")");
    }

    private static Object minMax(String name, List<Object> args, int sign) {
        if (args.size() == 1 && !(args.get(0) instanceof List) && !Arithmetic.isNumber(args.get(0))) {
            return args.get(0);
        }
        Object best = null;
        for (Object v : flatten(name, args)) {
            if (best == null || Arithmetic.compare(v, best, "<") == sign) {
                best = v;
            }
        }
        return best;
    }

    private static List<Object> flatten(String name, List<?> args) {
        List<Object> out = new ArrayList<>();
        for (Object v : args) {
            if (v instanceof List<?> l) {
                out.addAll(flatten(name, l));
            } else if (Arithmetic.isNumber(v)) {
                out.add(v);
            } else {
                throw new EvalError("invalid argument for " + name + " (type " + Values.typeName(v) + ")");
            }
        }
        return out;
    }

    private static List<Double> numbers(String name, List<Object> args) {
        List<Double> out = new ArrayList<>();
        for (Object v : flatten(name, args)) {
            out.add(((Number) v).doubleValue());
        }
        return out;
    }
}
