package dev.skiff.engine.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.expr.Expression;
import dev.skiff.engine.expr.ExpressionException;
import dev.skiff.engine.model.DagTask;
import dev.skiff.engine.model.Invocation;
import dev.skiff.engine.model.Parameter;
import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.WorkflowSpec;
import dev.skiff.engine.model.WorkflowStep;
import dev.skiff.engine.template.TagRenderer;
import dev.skiff.engine.template.TemplateException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Argo's variable resolution check, for the variables whose scope is clear: inputs a template declares,
 * workflow parameters, steps of earlier groups and tasks a task depends on, and {@code item} in loops.
 */
final class VariableChecks {

    private final WorkflowSpec spec;
    private final Template template;
    private final Problems problems;
    private final String name;

    VariableChecks(WorkflowSpec spec, Template template, Problems problems) {
        this.spec = spec;
        this.template = template;
        this.problems = problems;
        this.name = template.name();
    }

    void check() {
        ObjectNode own = template.raw().deepCopy();
        own.remove("steps");
        own.remove("dag");
        Set<String> siblings = new HashSet<>();
        template.steps().forEach(g -> g.forEach(s -> siblings.add(s.name())));
        template.dag().ifPresent(d -> d.tasks().forEach(t -> siblings.add(t.name())));
        String prefix = template.dag().isPresent() ? "tasks" : "steps";
        checkTree(own, siblings, prefix, false, "templates." + name);
        int i = 0;
        for (List<WorkflowStep> group : template.steps()) {
            Set<String> earlier = new HashSet<>();
            for (int g = 0; g < i; g++) {
                template.steps().get(g).forEach(s -> earlier.add(s.name()));
            }
            for (WorkflowStep step : group) {
                ObjectNode raw = step.raw().deepCopy();
                JsonNode hooks = raw.remove("hooks");
                checkTree(raw, earlier, "steps", step.expands(), "templates." + name + ".steps[" + i + "]." + step.name());
                if (hooks != null) {
                    Set<String> withSelf = new HashSet<>(earlier);
                    withSelf.add(step.name());
                    checkTree(hooks, withSelf, "steps", false, "templates." + name + ".steps[" + i + "]." + step.name());
                }
            }
            i++;
        }
        if (template.dag().isPresent()) {
            Map<String, Set<String>> ancestors = DagChecks.ancestors(template);
            for (DagTask task : template.dag().get().tasks()) {
                ObjectNode raw = task.raw().deepCopy();
                JsonNode hooks = raw.remove("hooks");
                Set<String> visible = ancestors.getOrDefault(task.name(), Set.of());
                checkTree(raw, visible, "tasks", task.expands(), "templates." + name + ".tasks." + task.name());
                if (hooks != null) {
                    Set<String> withSelf = new HashSet<>(visible);
                    withSelf.add(task.name());
                    checkTree(hooks, withSelf, "tasks", false, "templates." + name + ".tasks." + task.name());
                }
            }
        }
    }

    private void checkTree(JsonNode tree, Set<String> visibleSiblings, String siblingPrefix, boolean loop,
                           String where) {
        List<String> texts = new ArrayList<>();
        TemplateChecks.collectStrings(tree, texts);
        for (String text : texts) {
            List<String> tags;
            List<String> expressions;
            try {
                tags = TagRenderer.simpleTags(text);
                expressions = TagRenderer.expressionTags(text);
            } catch (TemplateException e) {
                continue;
            }
            for (String tag : tags) {
                checkVariable(tag, visibleSiblings, siblingPrefix, loop, where, "{{" + tag + "}}");
            }
            for (String source : expressions) {
                List<String> paths;
                try {
                    paths = Expression.compile(source).requiredPaths();
                } catch (ExpressionException e) {
                    continue;
                }
                for (String path : paths) {
                    checkVariable(path, visibleSiblings, siblingPrefix, loop, where, "{{=" + source + "}}");
                }
            }
        }
    }

    private void checkVariable(String variable, Set<String> siblings, String siblingPrefix, boolean loop,
                               String where, String shown) {
        String[] parts = variable.split("\\.");
        switch (parts[0]) {
            case "inputs" -> {
                if (parts.length >= 3 && parts[1].equals("parameters")
                        && template.inputs().parameter(parts[2]).isEmpty()) {
                    problems.add(name, where + ": failed to resolve " + shown,
                            "declare input parameter " + parts[2] + " in templates." + name + ".inputs.parameters");
                }
            }
            case "workflow" -> {
                if (parts.length >= 3 && parts[1].equals("parameters") && !parts[2].equals("json")
                        && spec.arguments().parameter(parts[2]).isEmpty()) {
                    problems.add(name, where + ": failed to resolve " + shown,
                            "declare " + parts[2] + " in spec.arguments.parameters or pass -p " + parts[2] + "=VALUE");
                }
            }
            case "item" -> {
                if (!loop) {
                    problems.add(name, where + ": failed to resolve " + shown,
                            "{{item}} is only defined in steps or tasks with withItems, withParam or withSequence");
                }
            }
            case "steps", "tasks" -> {
                if (!parts[0].equals(siblingPrefix) || parts.length < 2 || parts[1].equals("name")) {
                    return;
                }
                if (!siblings.contains(parts[1])) {
                    String hint = parts[0].equals("steps")
                            ? "a step can only use outputs of steps in earlier groups of the same template"
                            : "a task can only use outputs of tasks it depends on; add " + parts[1] + " to depends";
                    problems.add(name, where + ": failed to resolve " + shown, hint);
                }
            }
            default -> {
            }
        }
    }

    static boolean usesItem(Invocation call) {
        return call.expands();
    }

    static boolean declares(Template t, String input) {
        return t.inputs().parameters().stream().map(Parameter::name).anyMatch(input::equals);
    }
}
