package dev.skiff.engine.core;

import dev.skiff.engine.expr.Expression;
import dev.skiff.engine.expr.ExpressionException;
import dev.skiff.engine.model.DagTask;
import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DAG {@code depends} as Argo evaluates it (common.GetTaskDependencies, dag.evaluateDependsLogic): task
 * names are found with Argo's pattern, bare names expand to {@code (A.Succeeded || A.Skipped ||
 * A.Daemoned)} (plus Failed/Errored with continueOn), {@code dependencies: [A, B]} means {@code A && B},
 * and the result is an expr expression over task results with {@code -} in names read as {@code _}.
 *
 * @param dependencies the task names the task depends on, in order of appearance
 * @param logic        the expanded logic; empty when the task has no dependencies
 */
record DependsLogic(List<String> dependencies, String logic) {

    private static final Pattern TASK_NAME =
            Pattern.compile("([a-zA-Z0-9][-a-zA-Z0-9]*?\\.[A-Z][a-zA-Z]+)|([a-zA-Z0-9][-a-zA-Z0-9]*)");
    static final Set<String> RESULTS = Set.of("Succeeded", "Failed", "Errored", "Skipped", "Omitted", "Daemoned",
            "AnySucceeded", "AllFailed");

    /** Parses a task's depends/dependencies; {@code tasks} looks tasks up by name (null when unknown). */
    static DependsLogic of(DagTask task, Function<String, DagTask> tasks) {
        String depends = task.depends();
        if (depends.isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (String dependency : task.dependencies()) {
                parts.add(expand(dependency, lookup(tasks, dependency)));
            }
            depends = String.join(" && ", parts);
        }
        Set<String> names = new LinkedHashSet<>();
        List<int[]> bare = new ArrayList<>();
        Matcher m = TASK_NAME.matcher(depends);
        while (m.find()) {
            if (m.group(1) != null) {
                names.add(m.group(1).substring(0, m.group(1).indexOf('.')));
            } else {
                names.add(m.group(2));
                bare.add(new int[] {m.start(2), m.end(2)});
            }
        }
        StringBuilder logic = new StringBuilder(depends);
        for (int i = bare.size() - 1; i >= 0; i--) {
            int[] span = bare.get(i);
            String name = depends.substring(span[0], span[1]);
            logic.replace(span[0], span[1], expand(name, lookup(tasks, name)));
        }
        return new DependsLogic(List.copyOf(names), logic.toString());
    }

    private static DagTask lookup(Function<String, DagTask> tasks, String name) {
        DagTask task = tasks.apply(name);
        if (task == null) {
            throw new ReconcileException("target " + name + " does not exist");
        }
        return task;
    }

    private static String expand(String name, DagTask task) {
        List<String> results = new ArrayList<>(List.of(name + ".Succeeded", name + ".Skipped", name + ".Daemoned"));
        task.continueOn().ifPresent(c -> {
            if (c.error()) {
                results.add(name + ".Errored");
            }
            if (c.failed()) {
                results.add(name + ".Failed");
            }
        });
        return "(" + String.join(" || ", results) + ")";
    }

    /** Evaluates the logic over the (done) nodes of the dependencies. */
    boolean evaluate(Function<String, NodeStatus> nodeOfTask, Function<String, NodeStatus> byId) {
        Map<String, Object> env = new HashMap<>();
        for (String dependency : dependencies) {
            NodeStatus node = nodeOfTask.apply(dependency);
            String key = dependency.replace('-', '_');
            if (env.containsKey(key) || node == null) {
                continue;
            }
            boolean anySucceeded = false;
            boolean allFailed = false;
            if (node.type() == NodeType.TASK_GROUP) {
                allFailed = !node.children().isEmpty();
                for (String childId : node.children()) {
                    NodeStatus child = byId.apply(childId);
                    if (child == null) {
                        allFailed = false;
                        continue;
                    }
                    anySucceeded = anySucceeded || child.phase() == NodePhase.SUCCEEDED;
                    allFailed = allFailed && child.phase() == NodePhase.FAILED;
                }
            }
            Map<String, Object> results = new HashMap<>();
            results.put("Succeeded", node.phase() == NodePhase.SUCCEEDED);
            results.put("Failed", node.phase() == NodePhase.FAILED);
            results.put("Errored", node.phase() == NodePhase.ERROR);
            results.put("Skipped", node.phase() == NodePhase.SKIPPED);
            results.put("Omitted", node.phase() == NodePhase.OMITTED);
            results.put("Daemoned", node.daemoned() && node.phase() != NodePhase.PENDING);
            results.put("AnySucceeded", anySucceeded);
            results.put("AllFailed", allFailed);
            env.put(key, results);
        }
        String source = logic.replace('-', '_');
        Object result;
        try {
            result = Expression.compile(source).evaluate(env);
        } catch (ExpressionException e) {
            throw new ReconcileException("unable to evaluate expression '" + source + "': " + e.getMessage());
        }
        if (result instanceof Boolean b) {
            return b;
        }
        throw new ReconcileException("unable to evaluate expression '" + source + "': unable to cast expression result '"
                + result + "' to bool");
    }
}
