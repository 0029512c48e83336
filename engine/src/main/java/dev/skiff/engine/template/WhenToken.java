package dev.skiff.engine.template;

/** A govaluate token: its kind and value (Double, Boolean, String, or operator text). */
record WhenToken(WhenTokenKind kind, Object value) {

    WhenToken asKind(WhenTokenKind k) {
        return new WhenToken(k, value);
    }

    /** The value as Go's {@code %v} prints it, for error messages. */
    String display() {
        return dev.skiff.engine.expr.Values.sprint(value);
    }
}
