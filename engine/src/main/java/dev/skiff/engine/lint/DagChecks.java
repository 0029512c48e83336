package dev.skiff.engine.lint;

import dev.skiff.engine.model.DagTask;
import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.WorkflowSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks of a DAG template: task names, dependencies, cycles, targets and depends expressions. */
final class DagChecks {

    /** Argo's pattern for task names and task results in depends. */
    private static final Pattern TASK_NAME =
            Pattern.compile("([a-zA-Z0-9][-a-zA-Z0-9]*?\\.[A-Z][a-zA-Z]+)|([a-zA-Z0-9][-a-zA-Z0-9]*)");
    private static final Set<String> RESULTS = Set.of("Succeeded", "Failed", "Errored", "Skipped", "Omitted",
            "Daemoned", "AnySucceeded", "AllFailed");

    private final WorkflowSpec spec;
    private final Template template;
    private final Problems problems;
    private final String name;

    DagChecks(WorkflowSpec spec, Template template, Problems problems) {
        this.spec = spec;
        this.template = template;
        this.problems = problems;
        this.name = template.name();
    }

    void check() {
        List<DagTask> tasks = template.dag().orElseThrow().tasks();
        if (tasks.isEmpty()) {
            problems.add(name, "templates." + name + " must have at least one task", "add tasks to the DAG");
            return;
        }
        Map<String, DagTask> byName = new LinkedHashMap<>();
        boolean usesDepends = false;
        boolean usesDependencies = false;
        for (DagTask task : tasks) {
            if (task.name().isEmpty()) {
                problems.add(name, "templates." + name + ".tasks: a task has no name", "give every task a name");
            } else if (byName.putIfAbsent(task.name(), task) != null) {
                problems.add(name, "templates." + name + ".tasks '" + task.name() + "' is not unique",
                        "rename one of the tasks");
            }
            usesDepends |= !task.depends().isEmpty();
            usesDependencies |= !task.dependencies().isEmpty();
        }
        if (usesDepends && usesDependencies) {
            problems.add(name, "templates." + name + " cannot use both 'depends' and 'dependencies' in the same DAG "
                    + "template", "write every dependency as depends, e.g. depends: \"A && B\"");
        }
        Map<String, List<String>> deps = new HashMap<>();
        for (DagTask task : byName.values()) {
            String where = "templates." + name + ".tasks." + task.name();
            new TemplateChecks(spec, template, problems).checkCall(task, where);
            if (usesDepends && task.continueOn().isPresent()) {
                problems.add(name, "templates." + name + " cannot use 'continueOn' when using 'depends'. Instead use "
                        + "'dep-task.Failed'/'dep-task.Errored'", "express the condition in depends");
            }
            if ((usesDepends || usesDependencies) && Character.isDigit(task.name().charAt(0))) {
                problems.add(name, where + " name cannot begin with a digit when using either 'depends' or "
                        + "'dependencies'", "rename the task");
            }
            deps.put(task.name(), dependencies(task, byName, where));
        }
        checkCycles(deps);
        if (!template.dag().get().target().isEmpty()) {
            for (String target : template.dag().get().target().split(" ")) {
                if (!target.contains("{{") && !byName.containsKey(target)) {
                    problems.add(name, "templates." + name + ".targets: target '" + target + "' is not defined",
                            "name tasks of this DAG in target");
                }
            }
        }
    }

    /** The tasks a task depends on; reports unknown ones and bad task results. */
    private List<String> dependencies(DagTask task, Map<String, DagTask> byName, String where) {
        Set<String> names = new LinkedHashSet<>(task.dependencies());
        Set<String> itemResults = new HashSet<>();
        String depends = task.depends();
        Matcher m = TASK_NAME.matcher(depends);
        StringBuilder expression = new StringBuilder();
        int last = 0;
        while (m.find()) {
            if (m.group(1) != null) {
                String[] parts = m.group(1).split("\\.");
                names.add(parts[0]);
                if (!RESULTS.contains(parts[1])) {
                    problems.add(name, where + " task result '" + parts[1] + "' for task '" + parts[0] + "' is invalid",
                            "use one of " + RESULTS);
                }
                if (parts[1].equals("AnySucceeded") || parts[1].equals("AllFailed")) {
                    itemResults.add(parts[0]);
                }
                expression.append(depends, last, m.start()).append(m.group(1).replace('-', '_'));
            } else {
                names.add(m.group(2));
                expression.append(depends, last, m.start()).append(m.group(2).replace('-', '_')).append(".Succeeded");
            }
            last = m.end();
        }
        expression.append(depends.substring(last));
        if (!depends.isEmpty()) {
            TemplateChecks.checkExpression(name, where + ".depends '" + depends + "'", expression.toString(), problems);
        }
        List<String> known = new ArrayList<>();
        for (String dependency : names) {
            DagTask dep = byName.get(dependency);
            if (dep == null) {
                problems.add(name, where + " dependency '" + dependency + "' not defined",
                        "depend on tasks of this DAG (names are case-sensitive)");
            } else {
                known.add(dependency);
                if (itemResults.contains(dependency) && !dep.expands()) {
                    problems.add(name, where + " dependency '" + dependency + "' uses an items-based condition such as "
                            + ".AnySucceeded or .AllFailed but does not contain any items",
                            "use .Succeeded/.Failed, or loop the dependency");
                }
            }
        }
        return known;
    }

    /** Argo's verifyNoCycles. */
    private void checkCycles(Map<String, List<String>> deps) {
        Set<String> done = new HashSet<>();
        for (String start : deps.keySet()) {
            List<String> path = new ArrayList<>();
            if (cycle(start, deps, path, new HashSet<>(), done)) {
                problems.add(name, "templates." + name + ".tasks dependency cycle detected: " + String.join("->", path),
                        "remove one of the dependencies in the cycle");
                return;
            }
        }
    }

    private boolean cycle(String task, Map<String, List<String>> deps, List<String> path, Set<String> onPath,
                          Set<String> done) {
        if (onPath.contains(task)) {
            path.add(task);
            return true;
        }
        if (done.contains(task)) {
            return false;
        }
        path.add(task);
        onPath.add(task);
        for (String dep : deps.getOrDefault(task, List.of())) {
            if (cycle(dep, deps, path, onPath, done)) {
                return true;
            }
        }
        onPath.remove(task);
        path.removeLast();
        done.add(task);
        return false;
    }

    /** Transitive dependencies of each task. */
    static Map<String, Set<String>> ancestors(Template template) {
        Map<String, DagTask> byName = new LinkedHashMap<>();
        template.dag().orElseThrow().tasks().forEach(t -> byName.putIfAbsent(t.name(), t));
        Map<String, Set<String>> direct = new HashMap<>();
        for (DagTask task : byName.values()) {
            Set<String> names = new LinkedHashSet<>(task.dependencies());
            Matcher m = TASK_NAME.matcher(task.depends());
            while (m.find()) {
                names.add(m.group(1) != null ? m.group(1).substring(0, m.group(1).indexOf('.')) : m.group(2));
            }
            direct.put(task.name(), names);
        }
        Map<String, Set<String>> all = new HashMap<>();
        for (String task : byName.keySet()) {
            Set<String> seen = new LinkedHashSet<>();
            List<String> stack = new ArrayList<>(direct.getOrDefault(task, Set.of()));
            while (!stack.isEmpty()) {
                String next = stack.removeLast();
                if (seen.add(next)) {
                    stack.addAll(direct.getOrDefault(next, Set.of()));
                }
            }
            all.put(task, seen);
        }
        return all;
    }
}
