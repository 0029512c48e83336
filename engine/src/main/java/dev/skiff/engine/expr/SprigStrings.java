package dev.skiff.engine.expr;

import java.util.Map;

/** sprig's string functions. */
final class SprigStrings {
    private SprigStrings() {
    }

    static void register(Map<String, Fn> t) {
        t.put("upper", a -> GoStrings.upper(SprigArgs.str("upper", a, 1, 0)));
        t.put("lower", a -> GoStrings.lower(SprigArgs.str("lower", a, 1, 0)));
        t.put("trim", a -> GoStrings.trimSpace(SprigArgs.str("trim", a, 1, 0)));
    }
}
