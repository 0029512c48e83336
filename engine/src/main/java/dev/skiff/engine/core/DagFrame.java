package dev.skiff.engine.core;

import dev.skiff.engine.model.DagTask;
import dev.skiff.engine.model.DagTemplate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Working memory of a DAG node: the dependency graph, and which tasks are settled, running or ready,
 * so that a visit looks only at what changed instead of walking every task.
 */
final class DagFrame {

    final Map<String, DagTask> tasks = new LinkedHashMap<>();
    final Map<String, DependsLogic> logic = new HashMap<>();
    final Map<String, List<String>> dependents = new HashMap<>();
    final List<String> targets;
    /** Targets and everything they depend on: the tasks this DAG runs. */
    final Set<String> relevant = new LinkedHashSet<>();
    /** How many dependencies of a task are not settled yet. */
    final Map<String, Integer> remaining = new HashMap<>();
    /** Tasks whose node is done with its hooks and exit handler. */
    final Set<String> settled = new HashSet<>();
    /** Tasks with a node that is not settled. */
    final Set<String> active = new LinkedHashSet<>();
    /**
     * Tasks whose dependencies are settled but that have no node yet, in Argo's order of creation: the
     * post-order of a depth-first walk from the targets through their dependencies.
     */
    final java.util.PriorityQueue<String> ready;
    /** Position of each task in that walk. */
    final Map<String, Integer> rank = new HashMap<>();
    /** Loop expansions of tasks, by task name. */
    final Map<String, StepsFrame.GroupFrame> groups = new HashMap<>();
    boolean initialized;

    DagFrame(DagTemplate dag) {
        for (DagTask task : dag.tasks()) {
            tasks.putIfAbsent(task.name(), task);
        }
        for (DagTask task : tasks.values()) {
            DependsLogic parsed = DependsLogic.of(task, tasks::get);
            logic.put(task.name(), parsed);
            for (String dependency : parsed.dependencies()) {
                dependents.computeIfAbsent(dependency, k -> new ArrayList<>()).add(task.name());
            }
        }
        if (dag.target().isEmpty()) {
            TreeSet<String> leaves = new TreeSet<>(tasks.keySet());
            logic.values().forEach(l -> leaves.removeAll(l.dependencies()));
            targets = List.copyOf(leaves);
        } else {
            targets = List.of(dag.target().split(" "));
        }
        for (String target : targets) {
            if (!tasks.containsKey(target)) {
                throw new ReconcileException("target " + target + " does not exist");
            }
        }
        for (String target : targets) {
            rankFrom(target);
        }
        for (String name : tasks.keySet()) {
            if (rank.containsKey(name)) {
                relevant.add(name);
                remaining.put(name, logic.get(name).dependencies().size());
            }
        }
        ready = new java.util.PriorityQueue<>(java.util.Comparator.comparingInt(t -> rank.getOrDefault(t, 0)));
    }

    /** Post-order ranks from one target, iteratively (chains can be long). */
    private void rankFrom(String target) {
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        Set<String> entered = new HashSet<>(rank.keySet());
        if (!logic.containsKey(target) || !entered.add(target)) {
            return;
        }
        stack.push(new Object[] {target, 0});
        while (!stack.isEmpty()) {
            Object[] top = stack.peek();
            String name = (String) top[0];
            int next = (Integer) top[1];
            List<String> deps = logic.get(name).dependencies();
            if (next < deps.size()) {
                top[1] = next + 1;
                String dep = deps.get(next);
                if (logic.containsKey(dep) && entered.add(dep)) {
                    stack.push(new Object[] {dep, 0});
                }
            } else {
                stack.pop();
                rank.put(name, rank.size());
            }
        }
    }

    List<String> dependencies(String task) {
        return logic.get(task).dependencies();
    }

    /** Whether {@code ancestor} is a transitive dependency of {@code task}. */
    boolean isAncestor(String ancestor, String task) {
        ArrayDeque<String> stack = new ArrayDeque<>(dependencies(task));
        Set<String> seen = new HashSet<>();
        while (!stack.isEmpty()) {
            String name = stack.pop();
            if (name.equals(ancestor)) {
                return true;
            }
            if (seen.add(name) && logic.containsKey(name)) {
                stack.addAll(dependencies(name));
            }
        }
        return false;
    }
}
