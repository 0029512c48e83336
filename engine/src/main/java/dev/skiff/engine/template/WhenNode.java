package dev.skiff.engine.template;

/** A planned govaluate expression: a literal, an unavailable parameter, or an operator over stages. */
sealed interface WhenNode {
    record Literal(Object value) implements WhenNode { }

    /** A variable or accessor govaluate would look up; Argo passes no parameters, so it cannot resolve. */
    record Parameter(String name) implements WhenNode { }

    /** {@code symbol} is govaluate's operator text; {@code left} is null for prefix operators. */
    record Operator(String symbol, WhenNode left, WhenNode right) implements WhenNode { }
}
