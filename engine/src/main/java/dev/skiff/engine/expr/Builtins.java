package dev.skiff.engine.expr;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The table of expr-lang's eager builtins, assembled from the themed libraries. */
final class Builtins {
    private static final Map<String, Fn> TABLE = new HashMap<>();

    static {
        StringBuiltins.register(TABLE);
        NumberBuiltins.register(TABLE);
        CollectionBuiltins.register(TABLE);
        ConversionBuiltins.register(TABLE);
    }

    private Builtins() {
    }

    static Object call(String name, List<Object> args) {
        Fn fn = TABLE.get(name);
        if (fn == null) {
            throw new EvalError("function " + name + " is not supported by Skiff's expression engine");
        }
        return fn.apply(args);
    }

    static boolean supports(String name) {
        return TABLE.containsKey(name) || Predicates.isPredicate(name);
    }

    /** Parses an {@code asc}/{@code desc} order argument; true for descending. */
    static boolean order(Object order, String fn) {
        if (!(order instanceof String s)) {
            throw new EvalError(fn + " order argument must be a string (got " + Values.typeName(order) + ")");
        }
        return switch (s) {
            case "asc" -> false;
            case "desc" -> true;
            default -> throw new EvalError("invalid order " + s + ", expected asc or desc");
        };
    }
}
