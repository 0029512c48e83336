package dev.skiff.engine.lint;

import dev.skiff.engine.model.DagTask;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The dependency graph of a DAG template as Argo's validation builds and sorts it. */
final class DagGraph {

    /** Argo's {@code taskNameRegex}: {@code task.Result} or a bare task name in {@code depends}. */
    private static final Pattern TASK_NAME =
            Pattern.compile("([a-zA-Z0-9][-a-zA-Z0-9]*?\\.[A-Z][a-zA-Z]+)|([a-zA-Z0-9][-a-zA-Z0-9]*)");

    /** The tasks in dependency order (declaration order when sorting failed), and why it failed. */
    record Sorted(List<DagTask> tasks, Optional<String> error) {
    }

    private DagGraph() {
    }

    /**
     * The tasks a task depends on, in order of appearance, each with whether it is an items-based condition
     * ({@code .AnySucceeded}, {@code .AllFailed}); from {@code depends}, else {@code dependencies}.
     */
    static Map<String, Boolean> dependencies(DagTask task) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        if (task.depends().isEmpty()) {
            task.dependencies().forEach(d -> out.put(d, false));
            return out;
        }
        Matcher m = TASK_NAME.matcher(task.depends());
        while (m.find()) {
            if (m.group(1) != null) {
                String[] parts = m.group(1).split("\\.");
                boolean items = parts[1].equals("AnySucceeded") || parts[1].equals("AllFailed");
                out.merge(parts[0], items, Boolean::logicalOr);
            } else {
                out.putIfAbsent(m.group(2), false);
            }
        }
        return out;
    }

    /**
     * Argo's {@code TopologicalSorting}: {@code duplicated nodeName X}, {@code invalid dependency X} or
     * {@code graph with cycle}. Where Argo's order is random (Go maps), tasks keep their declaration order.
     */
    static Sorted sort(List<DagTask> tasks, Map<String, Map<String, Boolean>> dependencies) {
        Map<String, DagTask> byName = new HashMap<>();
        for (DagTask task : tasks) {
            if (byName.putIfAbsent(task.name(), task) != null) {
                return new Sorted(tasks, Optional.of("duplicated nodeName " + task.name()));
            }
        }
        Map<String, Integer> waiting = new HashMap<>();
        Map<String, List<String>> next = new HashMap<>();
        for (DagTask task : tasks) {
            Set<String> deps = dependencies.get(task.name()).keySet();
            waiting.put(task.name(), deps.size());
            for (String dep : deps) {
                if (!byName.containsKey(dep)) {
                    return new Sorted(tasks, Optional.of("invalid dependency " + dep));
                }
                next.computeIfAbsent(dep, k -> new ArrayList<>()).add(task.name());
            }
        }
        ArrayDeque<String> queue = new ArrayDeque<>();
        tasks.stream().filter(t -> waiting.get(t.name()) == 0).forEach(t -> queue.add(t.name()));
        List<DagTask> sorted = new ArrayList<>();
        while (!queue.isEmpty()) {
            String name = queue.poll();
            sorted.add(byName.get(name));
            for (String dependant : next.getOrDefault(name, List.of())) {
                if (waiting.merge(dependant, -1, Integer::sum) == 0) {
                    queue.add(dependant);
                }
            }
        }
        if (sorted.size() < tasks.size()) {
            return new Sorted(tasks, Optional.of("graph with cycle"));
        }
        return new Sorted(sorted, Optional.empty());
    }

    /** What to do about a sorting failure; for a cycle, one cycle spelled out. */
    static String hint(String error, Map<String, Map<String, Boolean>> dependencies) {
        if (error.startsWith("invalid dependency")) {
            return "depend on tasks of this DAG (names are case-sensitive)";
        }
        if (error.startsWith("duplicated")) {
            return "rename one of the tasks";
        }
        for (String start : dependencies.keySet()) {
            List<String> path = new ArrayList<>();
            if (cycle(start, dependencies, path, new HashSet<>(), new HashSet<>())) {
                return "remove one of the dependencies in the cycle " + String.join("->", path);
            }
        }
        return "remove one of the dependencies in the cycle";
    }

    private static boolean cycle(String task, Map<String, Map<String, Boolean>> deps, List<String> path,
                                 Set<String> onPath, Set<String> done) {
        path.add(task);
        if (onPath.contains(task)) {
            path.subList(0, path.indexOf(task)).clear();
            return true;
        }
        if (done.contains(task)) {
            path.removeLast();
            return false;
        }
        onPath.add(task);
        for (String dep : deps.getOrDefault(task, Map.of()).keySet()) {
            if (cycle(dep, deps, path, onPath, done)) {
                return true;
            }
        }
        onPath.remove(task);
        path.removeLast();
        done.add(task);
        return false;
    }
}
