package dev.skiff.engine.expr;

import java.util.HashMap;
import java.util.Map;

/** The sprig functions Argo exposes as {@code sprig.name(...)}; the subject comes last, as in sprig. */
final class Sprig {
    private static final Map<String, Fn> TABLE = new HashMap<>();

    static {
        SprigStrings.register(TABLE);
        SprigLists.register(TABLE);
        SprigMath.register(TABLE);
        // sprig's fail(msg) returns an error, which expr reports as the expression's failure.
        TABLE.put("fail", a -> {
            throw new EvalError(SprigArgs.str("fail", a, 1, 0));
        });
    }

    private Sprig() {
    }

    static Fn get(String name) {
        return TABLE.get(name);
    }

    static boolean has(String name) {
        return TABLE.containsKey(name);
    }
}
