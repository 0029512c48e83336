package dev.skiff.engine.template;

import dev.skiff.engine.expr.Expression;
import dev.skiff.engine.expr.ExpressionException;
import dev.skiff.engine.expr.Values;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolution of {@code {{=expr}}} tags, following Argo's {@code expressionReplaceStrict}: in FAIL
 * mode a variable the expression needs but the scope lacks is an error ("x is missing"); in KEEP
 * mode any failure, or a nil result, leaves the tag as it was for a later pass; in KEEP_IF_MISSING
 * mode only an expression with a missing variable is left, any other failure is an error.
 */
final class ExpressionTag {
    /** Variables that only exist late (inside loops, retries, exit handlers): Argo keeps tags using them. */
    static final Set<String> LATE_BINDING = Set.of("item", "retries", "lastRetry.exitCode", "lastRetry.status",
        "lastRetry.duration", "lastRetry.message", "workflow.status", "workflow.failures");

    private ExpressionTag() {
    }

    static void render(StringBuilder out, String tag, TagScope scope, UnresolvedTags mode) {
        String source = tag.substring(1);
        boolean keep = mode == UnresolvedTags.KEEP;
        boolean tolerate = keep || scope.hasPlaceholders();
        Expression expression;
        try {
            expression = Expression.compile(source);
        } catch (ExpressionException e) {
            if (tolerate) {
                out.append("{{").append(tag).append("}}");
                return;
            }
            throw new TemplateException("failed to evaluate expression: " + e.getMessage(), e);
        }
        Map<String, Object> env = scope.expressionEnv();
        List<String> missing = expression.requiredPaths().stream().filter(p -> !EnvPaths.has(env, p)).toList();
        if (mode == UnresolvedTags.FAIL && !missing.isEmpty()) {
            throw new TemplateException("failed to evaluate expression: " + missing.get(0) + " is missing");
        }
        if (mode == UnresolvedTags.KEEP_IF_MISSING && !missing.isEmpty()) {
            keep = true;
            tolerate = true;
        }
        if (keep && missing.stream().anyMatch(LATE_BINDING::contains)) {
            out.append("{{").append(tag).append("}}");
            return;
        }
        Object result;
        try {
            result = expression.evaluate(env);
        } catch (ExpressionException e) {
            if (tolerate) {
                out.append("{{").append(tag).append("}}");
                return;
            }
            throw new TemplateException("failed to evaluate expression: " + e.getMessage(), e);
        }
        if (result == null) {
            if (tolerate) {
                out.append("{{").append(tag).append("}}");
                return;
            }
            throw new TemplateException("failed to evaluate expression " + goQuote(source));
        }
        try {
            out.append(Values.toTemplateString(result));
        } catch (ExpressionException e) {
            if (keep) {
                out.append("{{").append(tag).append("}}");
                return;
            }
            throw new TemplateException("failed to marshal evaluated expression: " + e.getMessage(), e);
        }
    }

    private static String goQuote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }
}
