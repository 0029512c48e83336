package dev.skiff.engine.cli;

import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.model.WorkflowStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lays a workflow's nodes out as the tree {@code argo get} and {@code argo watch} show: steps
 * nested under their Steps node with each step group drawn as a fork (the group itself is not a
 * line), DAG tasks under their DAG node in start order, retry attempts and loop items under
 * their parent. Nodes the layout does not reach (exit handlers, hooks) follow as extra roots.
 * Pure.
 */
final class NodeTree {

    private static final Comparator<NodeStatus> BY_START = Comparator
            .comparing((NodeStatus n) -> n.startedAt().orElse(Instant.MAX))
            .thenComparing(NodeStatus::name);

    private final Map<String, NodeStatus> nodes;
    private final Set<String> shown = new LinkedHashSet<>();
    private final List<TreeRow> rows = new ArrayList<>();

    private NodeTree(Map<String, NodeStatus> nodes) {
        this.nodes = nodes;
    }

    /** The rows of the status's tree, root first. */
    static List<TreeRow> rows(WorkflowStatus status) {
        NodeTree tree = new NodeTree(status.nodes());
        List<NodeStatus> roots = status.nodes().values().stream()
                .filter(n -> n.boundaryId().isEmpty() && !isGroup(n)).sorted(rootOrder()).toList();
        for (NodeStatus root : roots) {
            if (!tree.shown.contains(root.id())) {
                tree.render(root, " ", " ");
            }
        }
        status.nodes().values().stream()
                .filter(n -> !tree.shown.contains(n.id()) && !isGroup(n)).sorted(BY_START)
                .forEach(n -> tree.render(n, " ", " "));
        return List.copyOf(tree.rows);
    }

    /** The workflow's root node: the one whose id is its name (the workflow name). */
    static Optional<NodeStatus> root(WorkflowStatus status) {
        return status.nodes().values().stream().filter(n -> n.id().equals(n.name())).findFirst();
    }

    private static Comparator<NodeStatus> rootOrder() {
        return Comparator.comparing((NodeStatus n) -> !n.id().equals(n.name())).thenComparing(BY_START);
    }

    private void render(NodeStatus node, String nodePrefix, String childPrefix) {
        shown.add(node.id());
        rows.add(new TreeRow(nodePrefix, node));
        List<List<NodeStatus>> children = displayChildren(node);
        for (int i = 0; i < children.size(); i++) {
            boolean last = i == children.size() - 1;
            List<NodeStatus> entry = children.get(i);
            if (node.type() != NodeType.STEPS) {
                render(entry.get(0), childPrefix + (last ? "└─" : "├─"), childPrefix + (last ? "  " : "│ "));
            } else {
                renderGroup(entry, childPrefix, last);
            }
        }
    }

    /** A step group or task group: a fork whose members hang off one branch. */
    private void renderGroup(List<NodeStatus> members, String childPrefix, boolean last) {
        String groupPart = last ? "└─" : "├─";
        String groupSub = last ? "  " : "│ ";
        for (int j = 0; j < members.size(); j++) {
            boolean lastMember = j == members.size() - 1;
            String part = members.size() == 1 ? "──" : j == 0 ? "┬─" : lastMember ? "└─" : "├─";
            String nodePrefix = childPrefix + (j == 0 ? groupPart : groupSub) + part;
            render(members.get(j), nodePrefix, childPrefix + groupSub + (lastMember ? "  " : "│ "));
        }
    }

    /** Children to draw: for a Steps node one entry per step group, else one entry per child. */
    private List<List<NodeStatus>> displayChildren(NodeStatus node) {
        return switch (node.type()) {
            case STEPS -> stepGroups(node);
            case DAG -> dagTasks(node).stream().map(List::of).toList();
            case RETRY, TASK_GROUP, STEP_GROUP -> resolve(node.children()).stream().map(List::of).toList();
            case POD, SKIPPED, SUSPEND -> List.of();
        };
    }

    private List<List<NodeStatus>> stepGroups(NodeStatus steps) {
        List<NodeStatus> groups = nodes.values().stream()
                .filter(n -> n.type() == NodeType.STEP_GROUP && n.boundaryId().equals(steps.id()))
                .sorted(Comparator.comparingInt(NodeTree::groupIndex).thenComparing(BY_START)).toList();
        List<List<NodeStatus>> entries = new ArrayList<>();
        for (NodeStatus group : groups) {
            shown.add(group.id());
            List<NodeStatus> members = resolve(group.children());
            if (!members.isEmpty()) {
                entries.add(members);
            }
        }
        return entries;
    }

    private List<NodeStatus> dagTasks(NodeStatus dag) {
        Set<String> nested = new LinkedHashSet<>();
        nodes.values().stream()
                .filter(n -> n.boundaryId().equals(dag.id())
                        && (n.type() == NodeType.RETRY || n.type() == NodeType.TASK_GROUP))
                .forEach(n -> nested.addAll(n.children()));
        return nodes.values().stream()
                .filter(n -> n.boundaryId().equals(dag.id()) && !nested.contains(n.id()) && !isGroup(n)
                        && !n.id().equals(dag.id()))
                .sorted(BY_START).toList();
    }

    private List<NodeStatus> resolve(List<String> ids) {
        List<NodeStatus> resolved = new ArrayList<>();
        for (String id : ids) {
            NodeStatus child = nodes.get(id);
            if (child != null && !shown.contains(id)) {
                resolved.add(child);
            }
        }
        return resolved;
    }

    private static boolean isGroup(NodeStatus n) {
        return n.type() == NodeType.STEP_GROUP;
    }

    /** The {@code i} of a step group named {@code parent[i]}. */
    static int groupIndex(NodeStatus group) {
        String name = group.name();
        int open = name.lastIndexOf('[');
        int close = name.lastIndexOf(']');
        if (open < 0 || close < open) {
            return Integer.MAX_VALUE;
        }
        try {
            return Integer.parseInt(name.substring(open + 1, close));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
