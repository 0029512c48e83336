package dev.skiff.engine.template;

import dev.skiff.engine.expr.ExpressionException;
import dev.skiff.engine.expr.Values;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a rendered {@code when} condition with govaluate semantics, as Argo's {@code shouldExecute}:
 * bare words are strings ({@code heads == heads} is true), numbers are float64 ({@code "5" == 5} is
 * false), quoted strings that look like dates compare as Unix seconds, {@code =~} searches a regular
 * expression, {@code in} takes a parenthesised list, and the result must be a boolean.
 */
public final class WhenCondition {
    private WhenCondition() {
    }

    /** True when the step should run; an empty condition is true. Throws ExpressionException with Argo's wording. */
    public static boolean evaluate(String renderedWhen) {
        if (renderedWhen.isEmpty()) {
            return true;
        }
        List<WhenToken> tokens;
        try {
            tokens = WhenLexer.tokenize(renderedWhen);
            WhenParser.checkSyntax(tokens);
        } catch (WhenSyntaxError e) {
            String hint = e.getMessage().contains("Invalid token")
                ? " (hint: try wrapping the affected expression in quotes (\"))" : "";
            throw new ExpressionException("Invalid 'when' expression '" + renderedWhen + "': " + e.getMessage() + hint);
        }
        List<WhenToken> strings = new ArrayList<>(tokens.size());
        for (WhenToken t : tokens) {
            strings.add(t.kind() == WhenTokenKind.VARIABLE ? t.asKind(WhenTokenKind.STRING) : t);
        }
        WhenNode plan;
        try {
            plan = WhenParser.parse(strings);
        } catch (WhenSyntaxError e) {
            throw new ExpressionException("Failed to parse 'when' expression '" + renderedWhen + "': " + e.getMessage());
        }
        Object result;
        try {
            result = WhenEvaluator.eval(plan);
        } catch (WhenEvalError e) {
            throw new ExpressionException("Failed to evaluate 'when' expresion '" + renderedWhen + "': " + e.getMessage());
        }
        if (result instanceof Boolean b) {
            return b;
        }
        throw new ExpressionException("Expected boolean evaluation for '" + renderedWhen + "'. Got " + Values.sprint(result));
    }
}
