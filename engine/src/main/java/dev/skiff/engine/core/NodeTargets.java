package dev.skiff.engine.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.spi.executor.StepTarget;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each pod node ran that did not run in its workflow's own cluster and namespace, as the controller records it
 * on the Workflow (annotation {@value #ANNOTATION}) with the status write that starts the step: the one record that
 * {@code skiff get -o wide}, {@code skiff logs} and the controller itself (stopping or cleaning up a pod after a
 * restart, when a {@code cluster:} with a parameter cannot be worked out again from the template alone) read.
 *
 * <p>An annotation, not a node field: Argo's full CRDs prune unknown node fields and Argo's controller drops them
 * when it writes a Workflow, while every Argo tool keeps and shows annotations as they are. Text:
 * {@code cluster/namespace:id,id;cluster/namespace:id}, a target as the template named it, with an empty cluster
 * or namespace standing for the workflow's own; an id starting with '-' is the workflow's name followed by it
 * (node ids are {@code <workflow>-<hash>}). The record is capped at {@value #MAX_CHARS} characters (annotations
 * share 256 KiB); a record that reached the cap ends with {@code ;...} and says {@link #complete()} false. Pure (the
 * controller adds to a record it read for one write; readers never change theirs); text it cannot read is ignored, never an error.
 */
public final class NodeTargets {

    public static final String ANNOTATION = "skiff.dev/node-targets";
    static final int MAX_CHARS = 128 * 1024;
    private static final String MORE = "...";

    private final String workflowName;
    private final Map<String, StepTarget> byNode;
    private final java.util.Set<StepTarget> used;
    private boolean complete;
    /** About the length of {@link #text()}: what {@link #add} checks against the cap. */
    private int length;

    private NodeTargets(String workflowName, Map<String, StepTarget> byNode, boolean complete, int length) {
        this.workflowName = workflowName;
        this.byNode = byNode;
        this.used = new java.util.HashSet<>(byNode.values());
        this.complete = complete;
        this.length = length;
    }

    /** Nothing recorded. */
    public static NodeTargets none(String workflowName) {
        return new NodeTargets(workflowName, new LinkedHashMap<>(), true, 0);
    }

    /** The record on a Workflow object. */
    public static NodeTargets of(JsonNode workflow) {
        JsonNode metadata = workflow.path("metadata");
        return parse(metadata.path("name").asText(""), metadata.path("annotations").path(ANNOTATION).asText(""));
    }

    /** The record of {@code annotations} (a Workflow's). */
    public static NodeTargets of(String workflowName, Map<String, String> annotations) {
        return parse(workflowName, annotations.getOrDefault(ANNOTATION, ""));
    }

    static NodeTargets parse(String workflowName, String text) {
        Map<String, StepTarget> byNode = new LinkedHashMap<>();
        boolean complete = true;
        for (String entry : text.split(";")) {
            if (entry.equals(MORE)) {
                complete = false;
                continue;
            }
            int colon = entry.indexOf(':');
            int slash = entry.indexOf('/');
            if (colon < 0 || slash < 0 || slash > colon) {
                continue;
            }
            StepTarget target = new StepTarget(entry.substring(0, slash), entry.substring(slash + 1, colon));
            for (String id : entry.substring(colon + 1).split(",")) {
                if (!id.isEmpty() && !id.equals("-")) {
                    byNode.put(id.startsWith("-") ? workflowName + id : id, target);
                }
            }
        }
        return new NodeTargets(workflowName, byNode, complete, text.length());
    }

    /** Where the node's pod ran, if recorded; empty parts are the workflow's own cluster / namespace. */
    public Optional<StepTarget> target(String nodeId) {
        return Optional.ofNullable(byNode.get(nodeId));
    }

    /** Whether every remote pod node was recorded (the cap was not reached). */
    public boolean complete() {
        return complete;
    }

    /** The targets recorded, each once, in the order they were first used. */
    public List<StepTarget> targets() {
        return List.copyOf(new java.util.LinkedHashSet<>(byNode.values()));
    }

    /** Every node recorded, with its target. */
    public Map<String, StepTarget> byNode() {
        return Collections.unmodifiableMap(byNode);
    }

    /**
     * Adds the node's target (the controller does, on a record it just read for one status write); a target with
     * both parts empty (the workflow's own place) is not recorded, nor anything once the cap is reached.
     *
     * @return whether the record changed
     */
    public boolean add(String nodeId, StepTarget target) {
        if (target.cluster().isEmpty() && target.namespace().isEmpty() || !complete
                || byNode.containsKey(nodeId)) {
            return false;
        }
        int added = shortId(nodeId).length() + 1;
        if (!used.contains(target)) {
            added += target.cluster().length() + target.namespace().length() + 3;
        }
        if (length + added > MAX_CHARS - MORE.length() - 1) {
            complete = false;
            return true;
        }
        byNode.put(nodeId, target);
        used.add(target);
        length += added;
        return true;
    }

    private String shortId(String id) {
        return !workflowName.isEmpty() && id.startsWith(workflowName + "-") ? id.substring(workflowName.length()) : id;
    }

    /** The annotation's text. */
    public String text() {
        Map<StepTarget, List<String>> ids = new LinkedHashMap<>();
        byNode.forEach((id, target) -> ids.computeIfAbsent(target, t -> new ArrayList<>()).add(
                shortId(id)));
        List<String> entries = new ArrayList<>();
        ids.forEach((t, list) -> entries.add(t.cluster() + "/" + t.namespace() + ":" + String.join(",", list)));
        if (!complete) {
            entries.add(MORE);
        }
        return String.join(";", entries);
    }
}
