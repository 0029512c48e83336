package dev.skiff.engine.core;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Argo's progress.UpdateProgress: a pod or suspend node counts {@code 0/1}, {@code 1/1} once it
 * succeeded; other nodes sum the pods reachable through their children; the workflow sums all pods.
 */
final class Progress {

    private Progress() {
    }

    /** Sets every node's progress and returns the workflow's. */
    static String update(Map<String, NodeStatus> nodes) {
        long done = 0;
        long total = 0;
        Map<String, long[]> own = new HashMap<>();
        for (NodeStatus node : nodes.values()) {
            if (!executable(node.type())) {
                continue;
            }
            long[] p = parse(node.progress());
            if (p == null) {
                p = new long[] {0, 1};
            }
            if (node.phase() == NodePhase.SUCCEEDED || node.phase() == NodePhase.SKIPPED
                    || node.phase() == NodePhase.OMITTED) {
                p = new long[] {p[1], p[1]};
            }
            own.put(node.id(), p);
            String text = p[0] + "/" + p[1];
            if (!text.equals(node.progress())) {
                nodes.put(node.id(), node.withProgress(text));
            }
            done += p[0];
            total += p[1];
        }
        for (NodeStatus node : nodes.values().toArray(NodeStatus[]::new)) {
            if (executable(node.type())) {
                continue;
            }
            long[] sum = sum(node, nodes, own);
            if (sum[1] > 0 && sum[0] <= sum[1]) {
                String text = sum[0] + "/" + sum[1];
                if (!text.equals(node.progress())) {
                    nodes.put(node.id(), node.withProgress(text));
                }
            }
        }
        return done + "/" + total;
    }

    private static long[] sum(NodeStatus start, Map<String, NodeStatus> nodes, Map<String, long[]> own) {
        long[] total = {0, 0};
        Set<String> visited = new HashSet<>();
        ArrayDeque<String> stack = new ArrayDeque<>(start.children());
        while (!stack.isEmpty()) {
            String id = stack.pop();
            if (!visited.add(id)) {
                continue;
            }
            NodeStatus child = nodes.get(id);
            if (child == null) {
                continue;
            }
            long[] p = own.get(id);
            if (p != null) {
                total[0] += p[0];
                total[1] += p[1];
            }
            stack.addAll(child.children());
        }
        return total;
    }

    static boolean executable(NodeType type) {
        return type == NodeType.POD || type == NodeType.SUSPEND;
    }

    private static long[] parse(String progress) {
        int slash = progress.indexOf('/');
        if (slash < 0) {
            return null;
        }
        try {
            long n = Long.parseLong(progress.substring(0, slash));
            long m = Long.parseLong(progress.substring(slash + 1));
            return n >= 0 && n <= m && m > 0 ? new long[] {n, m} : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
