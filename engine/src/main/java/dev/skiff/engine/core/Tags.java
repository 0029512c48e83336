package dev.skiff.engine.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.skiff.engine.expr.Expression;
import dev.skiff.engine.expr.ExpressionException;
import dev.skiff.engine.template.TagRenderer;
import dev.skiff.engine.template.TagScope;
import dev.skiff.engine.template.TemplateException;
import dev.skiff.engine.template.UnresolvedTags;
import dev.skiff.engine.template.WhenCondition;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tag substitution and expression evaluation as the reconciler uses them, on top of the
 * {@code template} and {@code expr} packages: whole JSON trees, Argo's strict-prefix mode
 * (ReplaceStrictAny), {@code when} conditions and boolean expressions.
 */
final class Tags {

    /** Argo's strict prefixes for references to sibling nodes. */
    private static final Pattern NODE_REF = Pattern.compile("^(steps|tasks)(\\.|$)");

    private Tags() {
    }

    /**
     * The variables tags see: artifacts are left out, as Argo's string replace map leaves them out
     * (getParametersAny), so that a tag naming one stays for artifact resolution.
     */
    static TagScope tagScope(Map<String, ?> scope) {
        boolean hasArtifacts = false;
        for (Object value : scope.values()) {
            if (value instanceof dev.skiff.engine.model.Artifact) {
                hasArtifacts = true;
                break;
            }
        }
        if (!hasArtifacts) {
            return TagScope.of(scope);
        }
        Map<String, Object> strings = new java.util.HashMap<>(scope);
        strings.values().removeIf(v -> v instanceof dev.skiff.engine.model.Artifact);
        return TagScope.of(strings);
    }

    /** Renders one string. */
    static String render(String text, Map<String, ?> scope, UnresolvedTags mode) {
        if (text.indexOf("{{") < 0) {
            return text;
        }
        try {
            return TagRenderer.render(text, tagScope(scope), mode);
        } catch (TemplateException | ExpressionException e) {
            throw new ReconcileException(e.getMessage());
        }
    }

    /**
     * Argo's ReplaceStrictAny with prefixes steps and tasks: references to sibling nodes that are not in
     * the scope are a {@link ReconcileException.Kind#REQUEUE}; other unknown tags are kept, and so is an
     * expression using an unknown variable; an expression with all its variables that fails is an error.
     */
    static String renderStrictRefs(String text, Map<String, ?> scope) {
        if (text.indexOf("{{") < 0) {
            return text;
        }
        TagScope tagScope = tagScope(scope);
        try {
            checkStrictRefs(text, tagScope);
            return TagRenderer.render(text, tagScope, UnresolvedTags.KEEP_IF_MISSING);
        } catch (TemplateException | ExpressionException e) {
            throw new ReconcileException(e.getMessage());
        }
    }

    private static void checkStrictRefs(String text, TagScope scope) {
        for (String tag : TagRenderer.simpleTags(text)) {
            // Argo leaves artifact references for its artifact resolution (allowUnresolvedArtifacts).
            if (NODE_REF.matcher(tag).find() && !scope.contains(tag) && !tag.contains("{{")
                    && !tag.contains(".outputs.artifacts.")) {
                throw new ReconcileException(ReconcileException.Kind.REQUEUE, "failed to resolve {{" + tag + "}}");
            }
        }
        for (String source : TagRenderer.expressionTags(text)) {
            Expression expression;
            try {
                expression = Expression.compile(source);
            } catch (ExpressionException e) {
                continue;
            }
            Map<String, Object> env = scope.expressionEnv();
            for (String path : expression.requiredPaths()) {
                if (NODE_REF.matcher(path).find() && !hasPath(env, path)) {
                    throw new ReconcileException(ReconcileException.Kind.REQUEUE,
                            "failed to evaluate expression: " + path + " is missing");
                }
            }
        }
    }

    private static boolean hasPath(Map<String, Object> env, String path) {
        Object current = env;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(part)) {
                return false;
            }
            current = map.get(part);
        }
        return true;
    }

    /** Renders every string (and object key) of a JSON tree into a new tree. */
    static JsonNode renderTree(JsonNode tree, Map<String, ?> scope, UnresolvedTags mode) {
        if (!hasTags(tree)) {
            return tree;
        }
        TagScope tagScope = tagScope(scope);
        return renderTree(tree, text -> render(text, tagScope, mode));
    }

    /** Renders every string of a JSON tree with Argo's strict node references. */
    static JsonNode renderTreeStrictRefs(JsonNode tree, Map<String, ?> scope) {
        if (!hasTags(tree)) {
            return tree;
        }
        TagScope tagScope = tagScope(scope);
        return renderTree(tree, text -> renderStrictRefs(text, tagScope));
    }

    private static String render(String text, TagScope scope, UnresolvedTags mode) {
        if (text.indexOf("{{") < 0) {
            return text;
        }
        try {
            return TagRenderer.render(text, scope, mode);
        } catch (TemplateException | ExpressionException e) {
            throw new ReconcileException(e.getMessage());
        }
    }

    private static String renderStrictRefs(String text, TagScope scope) {
        if (text.indexOf("{{") < 0) {
            return text;
        }
        try {
            checkStrictRefs(text, scope);
            return TagRenderer.render(text, scope, UnresolvedTags.KEEP_IF_MISSING);
        } catch (TemplateException | ExpressionException e) {
            throw new ReconcileException(e.getMessage());
        }
    }

    private static JsonNode renderTree(JsonNode tree, java.util.function.UnaryOperator<String> renderer) {
        if (tree.isTextual()) {
            String text = tree.textValue();
            String rendered = renderer.apply(text);
            return rendered.equals(text) ? tree : TextNode.valueOf(rendered);
        }
        if (tree.isArray()) {
            ArrayNode out = ((ArrayNode) tree).arrayNode(tree.size());
            for (JsonNode item : tree) {
                out.add(renderTree(item, renderer));
            }
            return out;
        }
        if (tree.isObject()) {
            ObjectNode out = ((ObjectNode) tree).objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = tree.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                String key = e.getKey().indexOf("{{") < 0 ? e.getKey() : renderer.apply(e.getKey());
                out.set(key, renderTree(e.getValue(), renderer));
            }
            return out;
        }
        return tree;
    }

    /** Whether any string of the tree holds a tag. */
    static boolean hasTags(JsonNode tree) {
        if (tree.isTextual()) {
            return tree.textValue().contains("{{");
        }
        for (JsonNode child : tree) {
            if (hasTags(child)) {
                return true;
            }
        }
        if (tree.isObject()) {
            Iterator<String> names = tree.fieldNames();
            while (names.hasNext()) {
                if (names.next().contains("{{")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Argo's shouldExecute: a rendered {@code when}; empty is true. */
    static boolean when(String renderedWhen) {
        try {
            return WhenCondition.evaluate(renderedWhen);
        } catch (ExpressionException | TemplateException e) {
            throw new ReconcileException(e.getMessage());
        }
    }

    /** Argo's argoexpr.EvalBool over a flat scope expanded as expressions see it. */
    static boolean evalBool(String source, Map<String, ?> scope) {
        Object result;
        try {
            result = Expression.compile(source).evaluate(tagScope(scope).expressionEnv());
        } catch (ExpressionException e) {
            throw new ReconcileException("unable to evaluate expression '" + source + "': " + e.getMessage());
        }
        if (result instanceof Boolean b) {
            return b;
        }
        throw new ReconcileException("unable to cast expression result '" + result + "' to bool");
    }

    /** Evaluates an expression over a flat scope; a nil result is an error, as in Argo. */
    static Object eval(String source, Map<String, ?> scope) {
        Object result;
        try {
            result = Expression.compile(source).evaluate(tagScope(scope).expressionEnv());
        } catch (ExpressionException e) {
            throw new ReconcileException(e.getMessage());
        }
        if (result == null) {
            throw new ReconcileException("failed to evaluate expression \"" + source + "\"");
        }
        return result;
    }

    /** Names of sibling nodes a text refers to, as {@code steps.NAME} / {@code tasks['NAME']}. */
    static List<String> referencedNames(String text, String prefix) {
        List<String> names = new ArrayList<>();
        int i = text.indexOf(prefix);
        while (i >= 0) {
            boolean boundary = i == 0 || !isNameChar(text.charAt(i - 1));
            int j = i + prefix.length();
            if (boundary && j < text.length()) {
                char c = text.charAt(j);
                if (c == '.') {
                    int k = j + 1;
                    while (k < text.length() && isNameChar(text.charAt(k))) {
                        k++;
                    }
                    if (k > j + 1) {
                        names.add(text.substring(j + 1, k));
                    }
                } else if (c == '[' && j + 1 < text.length()) {
                    char quote = text.charAt(j + 1);
                    int end = text.indexOf(quote, j + 2);
                    if ((quote == '\'' || quote == '"') && end > 0) {
                        names.add(text.substring(j + 2, end));
                    }
                }
            }
            i = text.indexOf(prefix, i + 1);
        }
        return names;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_';
    }
}
