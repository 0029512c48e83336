package dev.skiff.engine.core;

import dev.skiff.engine.model.Inputs;
import dev.skiff.engine.model.NodeFlag;
import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.model.Outputs;
import dev.skiff.engine.model.PodNames;
import dev.skiff.engine.model.TemplateRef;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The mutable node table of one reconciler session, with Argo's node operations (initializeNode,
 * markNodePhase, addChildNode) and the indexes that keep a reconcile's cost proportional to what changed:
 * per-boundary counters, owners for dirty propagation.
 */
final class RunState {

    /** Argo strips a leading "[i]." or "." from display names. */
    private static final Pattern SEPARATOR = Pattern.compile("^(\\[\\d+\\])?\\.");

    private final String workflowName;
    private final Map<String, NodeStatus> nodes = new HashMap<>();
    private final Map<String, int[]> counters = new HashMap<>();
    private final Map<String, String> owners = new HashMap<>();
    private final Set<String> dirty = new HashSet<>();
    /** Children of nodes with many children, for quick duplicate checks. */
    private final Map<String, Set<String>> childIndex = new HashMap<>();
    private final Set<String> visited = new HashSet<>();
    private final java.util.TreeSet<String> failed = new java.util.TreeSet<>();
    private int failedVersion;
    private int activePods;
    private int activeSuspends;
    private Instant now = Instant.EPOCH;
    private boolean changed;

    RunState(String workflowName, Map<String, NodeStatus> initial) {
        this.workflowName = workflowName;
        initial.values().forEach(this::put);
        changed = false;
    }

    String workflowName() {
        return workflowName;
    }

    Instant now() {
        return now;
    }

    void setNow(Instant at) {
        now = at.truncatedTo(ChronoUnit.SECONDS);
    }

    boolean changed() {
        return changed;
    }

    void clearChanged() {
        changed = false;
    }

    void touch() {
        changed = true;
    }

    String nodeId(String nodeName) {
        return PodNames.nodeId(workflowName, nodeName);
    }

    Optional<NodeStatus> byName(String nodeName) {
        return Optional.ofNullable(nodes.get(nodeId(nodeName)));
    }

    NodeStatus getByName(String nodeName) {
        NodeStatus node = nodes.get(nodeId(nodeName));
        if (node == null) {
            throw new ReconcileException("no node named " + nodeName);
        }
        return node;
    }

    NodeStatus byId(String id) {
        return nodes.get(id);
    }

    Map<String, NodeStatus> nodes() {
        return nodes;
    }

    /** Stores a node, keeping the counters in step. */
    void put(NodeStatus node) {
        NodeStatus old = nodes.put(node.id(), node);
        if (old != null) {
            count(old, -1);
        }
        count(node, +1);
        changed = true;
    }

    /** Argo's initializeNode; {@code templateScope} is where the caller resolved the call. */
    NodeStatus initNode(String name, NodeType type, String templateName, Optional<TemplateRef> templateRef,
                        String templateScope, String boundaryId, NodePhase phase, Optional<NodeFlag> flag,
                        String message) {
        String id = nodeId(name);
        if (nodes.containsKey(id)) {
            throw new ReconcileException("node " + name + " already initialized");
        }
        String displayName = name;
        NodeStatus boundary = boundaryId.isEmpty() ? null : nodes.get(boundaryId);
        if (boundary != null) {
            displayName = name.startsWith(boundary.name()) ? name.substring(boundary.name().length()) : name;
            displayName = SEPARATOR.matcher(displayName).replaceFirst("");
        }
        Optional<Instant> started = Optional.of(now);
        NodeStatus node = new NodeStatus(id, name, displayName, type, templateName, templateRef, templateScope, phase,
                boundaryId,
                message, started, phase.isDone() ? started : Optional.empty(), "", flag, Optional.empty(),
                Optional.empty(), List.of(), List.of());
        put(node);
        return node;
    }

    /** Argo's markNodePhase: sets the phase, the message when given, and finishedAt once done. */
    NodeStatus markPhase(String name, NodePhase phase, Optional<String> message) {
        NodeStatus node = getByName(name);
        NodeStatus updated = node;
        if (node.phase() != phase) {
            updated = updated.withPhase(phase);
        }
        if (message.isPresent() && !message.get().equals(node.message())) {
            updated = updated.withMessage(message.get());
        }
        if (updated.isDone() && updated.finishedAt().isEmpty()) {
            updated = updated.withFinishedAt(Optional.of(now));
        }
        if (updated != node) {
            put(updated);
        }
        return updated;
    }

    NodeStatus markPhase(String name, NodePhase phase) {
        return markPhase(name, phase, Optional.empty());
    }

    NodeStatus markPhase(String name, NodePhase phase, String message) {
        return markPhase(name, phase, Optional.of(message));
    }

    NodeStatus markError(String name, String message) {
        return markPhase(name, NodePhase.ERROR, message);
    }

    /** Argo's addChildNode (by names); no duplicates. */
    void addChild(String parentName, String childName) {
        NodeStatus parent = getByName(parentName);
        String childId = nodeId(childName);
        List<String> children = parent.children();
        if (children.size() < 16) {
            if (children.contains(childId)) {
                return;
            }
        } else {
            Set<String> index = childIndex.computeIfAbsent(parent.id(), k -> new HashSet<>(children));
            if (!index.add(childId)) {
                return;
            }
        }
        put(parent.withChildren(dev.skiff.engine.model.AppendList.append(children, childId)));
    }

    void setOutputs(String name, Optional<Outputs> outputs) {
        put(getByName(name).withOutputs(outputs));
    }

    void setInputs(String name, Optional<Inputs> inputs) {
        put(getByName(name).withInputs(inputs));
    }

    // ---- counters (Argo's node_counters.go, kept incrementally) ----

    private void count(NodeStatus node, int delta) {
        if (node.phase().isFailedOrError()) {
            if (delta > 0) {
                failed.add(node.id());
            } else {
                failed.remove(node.id());
            }
            failedVersion++;
        }
        boolean active = node.phase() == NodePhase.PENDING || node.phase() == NodePhase.RUNNING;
        boolean podLike = node.type() == NodeType.POD || node.type() == NodeType.STEPS || node.type() == NodeType.DAG;
        if (node.type() == NodeType.POD && active) {
            activePods += delta;
            counter(node.boundaryId())[0] += delta;
        }
        if (node.type() == NodeType.SUSPEND && active) {
            activeSuspends += delta;
        }
        if (podLike && active) {
            counter(node.boundaryId())[1] += delta;
        }
        if (podLike && node.phase().isFailedOrError()) {
            counter(node.boundaryId())[2] += delta;
        }
    }

    private int[] counter(String boundaryId) {
        return counters.computeIfAbsent(boundaryId, k -> new int[3]);
    }

    /** Pending or running pods, in the whole workflow. */
    int activePods() {
        return activePods;
    }

    /** Ids of failed or errored nodes, sorted. */
    java.util.SortedSet<String> failedIds() {
        return failed;
    }

    /** Changes whenever the set of failed nodes or one of them changes. */
    int failedVersion() {
        return failedVersion;
    }

    /** Suspend nodes waiting for their time or a resume. */
    int activeSuspends() {
        return activeSuspends;
    }

    /** Pending or running pods directly in this boundary. */
    int activePods(String boundaryId) {
        int[] c = counters.get(boundaryId);
        return c == null ? 0 : c[0];
    }

    /** Pending or running Pod/Steps/DAG nodes directly in this boundary. */
    int activeChildren(String boundaryId) {
        int[] c = counters.get(boundaryId);
        return c == null ? 0 : c[1];
    }

    /** Failed or errored Pod/Steps/DAG nodes directly in this boundary. */
    int unsuccessfulChildren(String boundaryId) {
        int[] c = counters.get(boundaryId);
        return c == null ? 0 : c[2];
    }

    // ---- dirty tracking ----

    void setOwner(String childId, String ownerId) {
        if (!ownerId.isEmpty() && !childId.equals(ownerId)) {
            owners.putIfAbsent(childId, ownerId);
        }
    }

    /** Marks a node and everything that owns it as needing a visit. */
    void markDirty(String id) {
        String current = id;
        int guard = 0;
        while (current != null && guard++ < 100_000) {
            dirty.add(current);
            current = owners.get(current);
        }
    }

    boolean isDirty(String id) {
        return dirty.contains(id);
    }

    void clearDirty(String id) {
        dirty.remove(id);
    }

    /** Records that a node was walked in this session; false when it was walked before. */
    boolean markVisited(String id) {
        return visited.add(id);
    }

    boolean wasVisited(String id) {
        return visited.contains(id);
    }
}
