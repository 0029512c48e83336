package dev.skiff.engine.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.expr.Expression;
import dev.skiff.engine.expr.ExpressionException;
import dev.skiff.engine.template.TagRenderer;
import dev.skiff.engine.template.TemplateException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The variables a part of a template may use while Argo validates it, and Argo's check of its
 * {@code {{...}}} tags ({@code resolveAllVariables}): only tags under {@code item.}, {@code steps.},
 * {@code inputs.}, {@code outputs.}, {@code pod.}, {@code workflow.} and {@code tasks.} are checked, and
 * {@code {{=...}}} expressions are not (Skiff checks their variables separately, more leniently).
 */
final class VariableScope {

    /** In scope after a {@code withParam} loop: any {@code item.*} resolves. */
    static final String ANY_ITEM = "item.*";
    /** A parameterised {@code globalName} was seen: any {@code workflow.outputs.parameters.*} resolves. */
    static final String ANY_WORKFLOW_OUTPUT_PARAMETER = "workflow.outputs.parameters.*";
    /** Same for artifacts. */
    static final String ANY_WORKFLOW_OUTPUT_ARTIFACT = "workflow.outputs.artifacts.*";
    /**
     * A WorkflowTemplate is validated on its own: any {@code workflow.parameters...} resolves (the Workflow that
     * uses it may supply them).
     */
    static final String ANY_WORKFLOW_PARAMETER = "workflow.parameters*";

    private static final List<String> CHECKED = List.of("item.", "steps.", "inputs.", "outputs.", "pod.", "workflow.",
            "tasks.");
    private static final List<String> ALWAYS = List.of("outputs.", "workflow.creationTimestamp",
            "workflow.scheduledTime", "workflow.duration", "tasks.name", "steps.name", "node.name");

    private final Set<String> names;
    private final Set<String> globals;

    /** An empty scope that also sees {@code globals} (shared, may grow while validation goes on). */
    VariableScope(Set<String> globals) {
        this(new HashSet<>(), globals);
    }

    private VariableScope(Set<String> names, Set<String> globals) {
        this.names = names;
        this.globals = globals;
    }

    /** A copy that can grow without changing this scope. */
    VariableScope copy() {
        return new VariableScope(new HashSet<>(names), globals);
    }

    void add(String name) {
        names.add(name);
    }

    /** Adds a workflow-wide variable, visible from here on in every scope. */
    void addGlobal(String name) {
        names.add(name);
        globals.add(name);
    }

    private boolean has(String name) {
        return names.contains(name) || globals.contains(name);
    }

    /** Whether Argo's validation accepts {@code {{variable}}} (blanks already trimmed). */
    boolean resolves(String variable) {
        if (CHECKED.stream().noneMatch(variable::startsWith) || has(variable)) {
            return true;
        }
        if (variable.startsWith("item.") && has(ANY_ITEM)) {
            return true;
        }
        if (variable.startsWith("workflow.outputs.parameters.") && has(ANY_WORKFLOW_OUTPUT_PARAMETER)) {
            return true;
        }
        if (variable.startsWith("workflow.outputs.artifacts.") && has(ANY_WORKFLOW_OUTPUT_ARTIFACT)) {
            return true;
        }
        if (variable.startsWith("workflow.parameters") && has(ANY_WORKFLOW_PARAMETER)) {
            return true;
        }
        return ALWAYS.stream().anyMatch(variable::startsWith);
    }

    /** The first simple tag in the strings of {@code tree} that Argo cannot resolve, worded as Argo does. */
    Optional<String> firstUnresolved(JsonNode tree) {
        for (String text : strings(tree)) {
            List<String> tags;
            try {
                tags = TagRenderer.simpleTagsAsWritten(text);
            } catch (TemplateException e) {
                continue;
            }
            for (String tag : tags) {
                if (!resolves(tag.strip())) {
                    return Optional.of("failed to resolve {{" + tag + "}}");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Skiff's own check of {@code {{=...}}} expressions, which Argo's validation skips: for each
     * expression using a variable nothing in scope can provide, {@code failed to resolve {{=source}}}.
     */
    List<String> unresolvedExpressions(JsonNode tree) {
        List<String> out = new ArrayList<>();
        for (String text : strings(tree)) {
            List<String> sources;
            try {
                sources = TagRenderer.expressionTags(text);
            } catch (TemplateException e) {
                continue;
            }
            for (String source : sources) {
                List<String> paths;
                try {
                    paths = Expression.compile(source).requiredPaths();
                } catch (ExpressionException e) {
                    continue;
                }
                if (!paths.stream().allMatch(this::mayResolve)) {
                    out.add("failed to resolve {{=" + source + "}}");
                }
            }
        }
        return out;
    }

    /** Lenient form for expression paths: the path, a variable under it or one it lies under is in scope. */
    private boolean mayResolve(String path) {
        if (resolves(path)) {
            return true;
        }
        for (Set<String> set : List.of(names, globals)) {
            for (String name : set) {
                if (name.startsWith(path + ".") || path.startsWith(name + ".")) {
                    return true;
                }
            }
        }
        return false;
    }

    static List<String> strings(JsonNode tree) {
        List<String> out = new ArrayList<>();
        collect(tree, out);
        return out;
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node.isTextual()) {
            out.add(node.textValue());
        }
        node.forEach(child -> collect(child, out));
    }
}
