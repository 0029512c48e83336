package dev.skiff.engine.lint;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.skiff.engine.lint.TemplateValidation.Holder;
import dev.skiff.engine.model.DagTask;
import dev.skiff.engine.model.Parameter;
import dev.skiff.engine.model.Template;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argo's {@code validateDAG}: the tasks sorted by their dependencies, then task by task (in that order) its
 * name, template and dependencies, the targets, then each task's variables against its ancestors' outputs,
 * its arguments, and its template again with its real arguments.
 */
final class DagValidation {

    /** Argo's {@code taskResultRegex}. */
    private static final Pattern TASK_RESULT = Pattern.compile("([a-zA-Z0-9][-a-zA-Z0-9]*?\\.[A-Z][a-zA-Z]+)");
    private static final Set<String> RESULTS = Set.of("Succeeded", "Failed", "Errored", "Skipped", "Omitted",
            "Daemoned", "AnySucceeded", "AllFailed");

    private final TemplateValidation validation;
    private final Template template;
    private final VariableScope scope;
    private final String wrap;
    private final String at;
    private final TemplateOwner owner;
    private final Map<String, DagTask> byName = new HashMap<>();
    private final Map<String, Map<String, Boolean>> dependencies = new HashMap<>();
    private final Map<String, Optional<Template>> resolved = new HashMap<>();
    /** Why sorting the tasks failed ("" when it did not): Argo stops there, Skiff goes on. */
    private String sortError = "";

    DagValidation(TemplateValidation validation, Template template, VariableScope scope, String wrap,
                    TemplateOwner owner) {
        this.validation = validation;
        this.template = template;
        this.scope = scope;
        this.wrap = wrap;
        this.at = "templates." + template.name();
        this.owner = owner;
    }

    void run() {
        StepsValidation.checkNonLeaf(validation, template, wrap);
        List<DagTask> tasks = template.dag().orElseThrow().tasks();
        if (tasks.isEmpty()) {
            add(at + " must have at least one task", "add tasks to the DAG");
            return;
        }
        boolean usingDepends = tasks.stream().anyMatch(t -> !t.depends().isEmpty());
        tasks.forEach(t -> byName.put(t.name(), t));
        tasks.forEach(t -> dependencies.put(t.name(), DagGraph.dependencies(t)));
        DagGraph.Sorted sorted = DagGraph.sort(tasks, dependencies);
        sorted.error().ifPresent(e -> add(at + " sorting failed: " + e, DagGraph.hint(e, dependencies)));
        sortError = sorted.error().orElse("");
        List<DagTask> order = sorted.tasks();
        FieldNames.checkFields(order.stream().map(DagTask::name).toList())
                .ifPresent(e -> add(at + ".tasks" + e, "give every task a unique name"));
        for (DagTask task : order) {
            checkTask(task, usingDepends);
        }
        String target = template.dag().get().target();
        scope.firstUnresolved(TextNode.valueOf(target)).ifPresent(e -> add(at + ".targets " + e,
                "name tasks of this DAG in target"));
        if (!target.isEmpty()) {
            for (String name : target.split(" ")) {
                if (!LeafValidation.isParameter(name) && !byName.containsKey(name)) {
                    add(at + ".targets: target '" + name + "' is not defined", "name tasks of this DAG in target");
                }
            }
        }
        for (DagTask task : order) {
            checkTaskText(task);
        }
    }

    private void checkTask(DagTask task, boolean usingDepends) {
        String where = at + ".tasks." + task.name();
        if ((usingDepends || !task.dependencies().isEmpty()) && !task.name().isEmpty()
                && Character.isDigit(task.name().charAt(0))) {
            add(where + " name cannot begin with a digit when using either 'depends' or 'dependencies'",
                    "rename the task");
        }
        if (usingDepends && !task.dependencies().isEmpty()) {
            add(at + " cannot use both 'depends' and 'dependencies' in the same DAG template",
                    "write every dependency as depends, e.g. depends: \"A && B\"");
        }
        if (usingDepends && task.continueOn().isPresent()) {
            add(at + " cannot use 'continueOn' when using 'depends'. Instead use 'dep-task.Failed'/'dep-task.Errored'",
                    "express the condition in depends");
        }
        Optional<Template> called = validation.holder(Holder.of(task), Optional.empty(), wrap + where + " ",
                template.name(), owner);
        resolved.put(task.name(), called);
        validation.addOutputs(called, "tasks", task.name(), scope, StepsValidation.aggregates(task), false);
        Matcher m = TASK_RESULT.matcher(task.depends());
        while (m.find()) {
            String[] parts = m.group(1).split("\\.");
            if (!RESULTS.contains(parts[1])) {
                add(where + " task result '" + parts[1] + "' for task '" + parts[0] + "' is invalid",
                        "use one of " + new TreeSet<>(RESULTS));
                break;
            }
        }
        // Argo names the dependency, not the dependant, in the second message (its loop variable is shadowed). The
        // first one Argo never reaches: sorting already failed on the unknown dependency, as reported above; a
        // further unknown dependency, which Argo would report once the first is fixed, is named with its task.
        for (Map.Entry<String, Boolean> dep : dependencies.get(task.name()).entrySet()) {
            DagTask other = byName.get(dep.getKey());
            if (other == null) {
                if (!sortError.equals("invalid dependency " + dep.getKey())) {
                    add(at + ".tasks." + task.name() + " dependency '" + dep.getKey() + "' not defined",
                            "depend on tasks of this DAG (names are case-sensitive)");
                }
            } else if (dep.getValue() && !other.expands()) {
                add(at + ".tasks." + other.name() + " dependency '" + dep.getKey() + "' uses an items-based condition "
                        + "such as .AnySucceeded or .AllFailed but does not contain any items",
                        "task " + task.name() + ": use .Succeeded/.Failed, or loop the dependency");
            }
        }
    }

    private void checkTaskText(DagTask task) {
        String where = at + ".tasks." + task.name();
        if (!task.hooks().isEmpty()) {
            scope.add("tasks." + task.name() + ".status");
        }
        Optional<Template> called = resolved.getOrDefault(task.name(), Optional.empty());
        validation.addOutputs(called, "tasks", task.name(), scope, false, false);
        VariableScope taskScope = scope.copy();
        Set<String> ancestry = ancestry(task.name());
        for (String ancestor : ancestry) {
            DagTask ancestorTask = byName.get(ancestor);
            validation.addOutputs(resolved.getOrDefault(ancestor, Optional.empty()), "tasks", ancestor, taskScope,
                    ancestorTask != null && StepsValidation.aggregates(ancestorTask), true);
        }
        StepsValidation.addInlineInputs(task, taskScope);
        StepsValidation.addItems(task, taskScope).ifPresent(e -> add(where + " " + e, "keep one loop"));
        taskScope.firstUnresolved(task.raw()).ifPresent(e -> add(where + " " + e,
                "a task can only use outputs of tasks it depends on, and its template's inputs"));
        validation.checkExpressions(template.name(), taskScope, task.raw(), where + " ");
        ArgumentValidation.problems(where + ".arguments.", task.arguments())
                .forEach(e -> add(e, "give every argument a value"));
        for (Parameter p : task.arguments().parameters()) {
            String value = p.value().orElse("");
            if (value.startsWith("{{tasks.") && !ancestry.contains(value.split("\\.")[1])) {
                add(where + " missing dependency '" + value.split("\\.")[1] + "' for parameter '" + p.name() + "'",
                        "add " + value.split("\\.")[1] + " to depends");
            }
        }
        validation.holder(Holder.of(task), Optional.of(task.arguments()), wrap + where + " ", template.name(),
                owner);
    }

    /** Argo's {@code GetTaskAncestry}: every task the task depends on, directly or not. */
    private Set<String> ancestry(String task) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(dependencies.getOrDefault(task, Map.of()).keySet());
        while (!todo.isEmpty()) {
            String next = todo.removeLast();
            if (!next.equals(task) && seen.add(next)) {
                todo.addAll(dependencies.getOrDefault(next, Map.of()).keySet());
            }
        }
        return seen;
    }

    private void add(String message, String hint) {
        validation.problems.add(template.name(), wrap + message, hint);
    }
}
