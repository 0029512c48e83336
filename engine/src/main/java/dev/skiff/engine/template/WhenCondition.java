package dev.skiff.engine.template;

import dev.skiff.engine.expr.ExpressionException;

/**
 * Evaluates a rendered {@code when} condition with govaluate semantics, as Argo's {@code shouldExecute}:
 * bare words are strings ({@code heads == heads} is true), numbers are float64, quoted strings that
 * look like dates compare as Unix seconds, and the result must be a boolean.
 */
public final class WhenCondition {
    private WhenCondition() {
    }

    /** True when the step should run; an empty condition is true. Throws ExpressionException otherwise. */
    public static boolean evaluate(String renderedWhen) {
        if (renderedWhen.isEmpty()) {
            return true;
        }
        throw new ExpressionException("when conditions are not implemented yet: " + renderedWhen);
    }
}
