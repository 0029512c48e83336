package dev.skiff.engine.expr;

import java.util.List;

/** Argument conversion for sprig functions, mimicking Go's reflective call rules. */
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
}
