package dev.skiff.engine.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.expr.Expression;
import dev.skiff.engine.expr.ExpressionException;
import dev.skiff.engine.golang.GoPaths;
import dev.skiff.engine.model.Artifact;
import dev.skiff.engine.model.Template;
import dev.skiff.engine.template.TagScope;
import dev.skiff.engine.template.UnresolvedTags;
import java.util.Map;
import java.util.Optional;

/**
 * Argo's resolveArtifact for a step's or task's {@code arguments.artifacts} and a steps or DAG template's
 * {@code outputs.artifacts}: {@code from: "{{steps.X.outputs.artifacts.Y}}"} (or {@code tasks.},
 * {@code inputs.artifacts.}, {@code workflow.outputs.artifacts.}) becomes a copy of that artifact under the
 * argument's name, its key extended by {@code subPath}.
 */
final class ArtifactReferences {

    private ArtifactReferences() {
    }

    /**
     * Resolves the {@code arguments.artifacts} of a rendered step ({@code dagTask} false) or task. An optional
     * artifact that cannot be resolved is dropped (a task's only when the reference is unknown), as Argo does.
     */
    static ObjectNode resolveArguments(Ctx ctx, ObjectNode call, Map<String, Object> scope, Template enclosing,
                                       boolean dagTask) {
        JsonNode list = call.path("arguments").path("artifacts");
        if (!(list instanceof ArrayNode artifacts) || artifacts.isEmpty()) {
            return call;
        }
        ArrayNode resolved = artifacts.arrayNode();
        for (JsonNode node : artifacts) {
            Artifact art = Artifact.read(node, "arguments.artifacts");
            if (art.from().isEmpty() && art.fromExpression().isEmpty()) {
                resolved.add(node);
                continue;
            }
            try {
                resolved.add(resolve(ctx, art, scope, enclosing).withName(art.name()).raw());
            } catch (ReconcileException e) {
                boolean unknown = e.getMessage().startsWith("Unable to resolve");
                if (art.optional() && (!dagTask || unknown)) {
                    continue;
                }
                throw dagTask ? e : new ReconcileException("unable to resolve references: " + e.getMessage());
            }
        }
        ObjectNode out = call.deepCopy();
        ((ObjectNode) out.get("arguments")).set("artifacts", resolved);
        return out;
    }

    /** The artifact {@code art.from} names, its key extended by {@code art.subPath}. */
    static Artifact resolve(Ctx ctx, Artifact art, Map<String, Object> scope, Template enclosing) {
        if (!art.fromExpression().isEmpty()) {
            return withSubPath(art, fromExpression(art, scope), scope);
        }
        String tag = art.from().trim();
        if (tag.startsWith("{{")) {
            tag = tag.substring(2);
        }
        if (tag.endsWith("}}")) {
            tag = tag.substring(0, tag.length() - 2);
        }
        tag = tag.trim();
        Object value = lookup(ctx, tag, scope, enclosing);
        if (value == null) {
            throw new ReconcileException("Unable to resolve: \"" + tag + "\"");
        }
        if (!(value instanceof Artifact found)) {
            throw new ReconcileException("Variable {{" + art.from() + "}} is not an artifact");
        }
        return withSubPath(art, found, scope);
    }

    /** Argo's fromExpression: an expression over the scope whose value is an artifact. */
    private static Artifact fromExpression(Artifact art, Map<String, Object> scope) {
        Object value;
        try {
            value = Expression.compile(art.fromExpression()).evaluate(TagScope.of(scope).expressionEnv());
        } catch (ExpressionException e) {
            throw new ReconcileException("failed to evaluate fromExpression of artifact " + art.name() + ": "
                    + e.getMessage());
        }
        if (!(value instanceof Artifact found)) {
            throw new ReconcileException("Unable to resolve: \"" + art.fromExpression() + "\"");
        }
        return found;
    }

    private static Artifact withSubPath(Artifact art, Artifact found, Map<String, Object> scope) {
        if (art.subPath().isEmpty()) {
            return found;
        }
        String subPath = Tags.render(art.subPath(), scope, UnresolvedTags.KEEP);
        Optional<String> key = found.key();
        if (key.isEmpty() || !found.locationKind().filter("s3"::equals).isPresent()) {
            if (art.optional()) {
                return found;
            }
            throw new ReconcileException("artifact " + art.name() + ": subPath needs an artifact stored under a key");
        }
        return found.withS3Key(GoPaths.join(key.get(), subPath));
    }

    private static Object lookup(Ctx ctx, String tag, Map<String, Object> scope, Template enclosing) {
        Object value = scope.get(tag);
        if (value != null) {
            return value;
        }
        if (tag.startsWith("inputs.artifacts.") && enclosing != null) {
            return enclosing.inputs().artifact(tag.substring("inputs.artifacts.".length())).orElse(null);
        }
        if (tag.startsWith("workflow.outputs.artifacts.")) {
            return ctx.globalArtifacts.get(tag.substring("workflow.outputs.artifacts.".length()));
        }
        return null;
    }
}
