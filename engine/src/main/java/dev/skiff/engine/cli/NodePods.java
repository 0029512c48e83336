package dev.skiff.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.model.PodNames;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a node of a workflow by id, full name or display name, and the pod that ran it: Argo's v2
 * pod name ({@code <workflow>-<template>-<fnv32a(node name)>}), or the node id when the workflow's
 * annotation {@code workflows.argoproj.io/pod-name-format} says {@code v1}. Pure.
 */
final class NodePods {

    static final String POD_NAME_FORMAT = "workflows.argoproj.io/pod-name-format";

    private NodePods() {
    }

    /**
     * The pod name of the node {@code key} names.
     *
     * @throws UserInputException when no node or several match, or the node has no pod
     */
    static String podOf(com.fasterxml.jackson.databind.node.ObjectNode stored, String key) {
        JsonNode wf = CompressedNodes.expanded(stored);
        String workflow = WorkflowObjects.name(wf);
        JsonNode node = find(wf, key);
        String type = node.path("type").asText("");
        if (!"Pod".equals(type)) {
            throw new UserInputException("node '" + key + "' of workflow " + workflow + " is a " + type
                    + " node, which runs no pod; give one of its steps or tasks");
        }
        if ("v1".equals(wf.path("metadata").path("annotations").path(POD_NAME_FORMAT).asText(""))) {
            return node.path("id").asText();
        }
        return PodNames.podName(workflow, node.path("name").asText(""), templateName(node));
    }

    private static JsonNode find(JsonNode wf, String key) {
        JsonNode nodes = wf.path("status").path("nodes");
        if (nodes.has(key)) {
            return nodes.get(key);
        }
        List<JsonNode> byName = new ArrayList<>();
        List<JsonNode> byDisplayName = new ArrayList<>();
        for (JsonNode node : nodes) {
            if (key.equals(node.path("name").asText())) {
                byName.add(node);
            }
            if (key.equals(node.path("displayName").asText())) {
                byDisplayName.add(node);
            }
        }
        List<JsonNode> matches = byName.isEmpty() ? byDisplayName : byName;
        String workflow = WorkflowObjects.name(wf);
        if (matches.isEmpty()) {
            throw new UserInputException("workflow " + workflow + " has no node '" + key + "' (give a node id, name"
                    + " or display name; 'skiff get " + workflow + "' shows them)");
        }
        if (matches.size() > 1) {
            throw new UserInputException("'" + key + "' names " + matches.size() + " nodes of workflow " + workflow
                    + ": " + matches.stream().map(n -> n.path("name").asText()).sorted().toList()
                    + "; give the node's id or full name");
        }
        return matches.getFirst();
    }

    /** The template the pod was built from: a templateRef's template, else the node's template name. */
    private static String templateName(JsonNode node) {
        String fromRef = node.path("templateRef").path("template").asText("");
        return fromRef.isEmpty() ? node.path("templateName").asText("") : fromRef;
    }
}
