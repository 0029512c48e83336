package dev.skiff.engine.cron;

import dev.skiff.engine.expr.Expression;
import dev.skiff.engine.expr.ExpressionException;
import dev.skiff.engine.template.TagRenderer;
import dev.skiff.engine.template.TagScope;
import dev.skiff.engine.template.TemplateException;
import dev.skiff.engine.template.UnresolvedTags;
import dev.skiff.engine.template.WhenCondition;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A CronWorkflow's expressions over its {@code cronworkflow.*} variables (Argo's {@code expressionEnv}):
 * {@code stopStrategy.expression} (expr-lang, {@code checkStopingCondition}) and {@code when} (tags substituted,
 * then a condition as a step's {@code when}: {@code evalWhen}). As in Argo, {@code cronworkflow.annotations} holds
 * the labels. Skiff's expression language has no clock, so a {@code when} using {@code now()} fails (and the run is
 * reported as a SubmissionError).
 */
final class CronConditions {

    private final CronWorkflow cron;
    private final Map<String, String> labels;
    private final long succeeded;
    private final long failed;
    private final Optional<Instant> lastScheduled;

    CronConditions(CronWorkflow cron, Map<String, String> labels, long succeeded, long failed,
                   Optional<Instant> lastScheduled) {
        this.cron = cron;
        this.labels = labels;
        this.succeeded = succeeded;
        this.failed = failed;
        this.lastScheduled = lastScheduled;
    }

    /** Whether {@code stopStrategy.expression} holds (false without one). */
    boolean stop() {
        if (cron.stopExpression().isEmpty()) {
            return false;
        }
        String source = cron.stopExpression().get();
        Object result;
        try {
            result = Expression.compile(source).evaluate(Map.of("cronworkflow", variables(false)));
        } catch (ExpressionException e) {
            throw new CronException("failed to evaluate stop expression: unable to evaluate expression '" + source
                    + "': " + e.getMessage());
        }
        if (result instanceof Boolean b) {
            return b;
        }
        throw new CronException("failed to evaluate stop expression: unable to cast expression result '" + result
                + "' to bool");
    }

    /** Whether {@code when} allows a run (true without one). */
    boolean when() {
        if (cron.when().isEmpty()) {
            return true;
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        variables(true).forEach((k, v) -> flat.put("cronworkflow." + k, v));
        try {
            return WhenCondition.evaluate(TagRenderer.render(cron.when(), TagScope.of(flat), UnresolvedTags.FAIL));
        } catch (TemplateException | ExpressionException e) {
            throw new CronException(e.getMessage());
        }
    }

    private Map<String, Object> variables(boolean asText) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("name", cron.name());
        vars.put("namespace", cron.namespace());
        vars.put("labels", asText ? json(labels) : labels);
        vars.put("annotations", asText ? json(labels) : labels);
        vars.put("failed", asText ? String.valueOf(failed) : failed);
        vars.put("succeeded", asText ? String.valueOf(succeeded) : succeeded);
        vars.put("annotations.json", json(cron.annotations()));
        vars.put("labels.json", json(labels));
        Object last = lastScheduled.map(t -> (Object) t.toString()).orElse(null);
        if (last != null || !asText) {
            vars.put("lastScheduledTime", last);
        }
        return vars;
    }

    private static String json(Map<String, String> map) {
        com.fasterxml.jackson.databind.node.ObjectNode node =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        new java.util.TreeMap<>(map).forEach(node::put);
        return node.toString();
    }
}
