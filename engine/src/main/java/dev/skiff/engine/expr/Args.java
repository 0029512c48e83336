package dev.skiff.engine.expr;

import java.util.List;
import java.util.Map;

/** Argument checks shared by the builtin and extra function libraries, with expr-like messages. */
final class Args {
    private Args() {
    }

    static void count(String fn, List<Object> args, int min, int max) {
        if (args.size() < min) {
            throw new EvalError("not enough arguments to call " + fn);
        }
        if (args.size() > max) {
            throw new EvalError("too many arguments to call " + fn);
        }
    }

    static String str(String fn, List<Object> args, int i) {
        Object v = args.get(i);
        if (v instanceof String s) {
            return s;
        }
        throw wrongType(fn, v, "string");
    }

    static long integer(String fn, List<Object> args, int i) {
        Object v = args.get(i);
        if (Arithmetic.isInt(v)) {
            return ((Number) v).longValue();
        }
        throw wrongType(fn, v, "int");
    }

    static List<?> list(String fn, List<Object> args, int i) {
        Object v = args.get(i);
        if (v instanceof List<?> l) {
            return l;
        }
        throw wrongType(fn, v, "array");
    }

    static Map<?, ?> map(String fn, List<Object> args, int i) {
        Object v = args.get(i);
        if (v instanceof Map<?, ?> m) {
            return m;
        }
        throw wrongType(fn, v, "map");
    }

    static EvalError wrongType(String fn, Object v, String expected) {
        return new EvalError("cannot use " + Values.typeName(v) + " as argument (type " + expected + ") to call " + fn);
    }
}
