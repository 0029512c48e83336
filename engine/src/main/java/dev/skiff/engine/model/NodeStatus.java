package dev.skiff.engine.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One node of a workflow's status, in Argo's shape ({@code status.nodes[id]}).
 *
 * @param id            node id: the workflow name for the root, else {@code <wf>-<fnv32a(name)>}
 * @param name          full node name such as {@code wf[0].step}
 * @param displayName   name relative to the boundary node
 * @param type          node type
 * @param templateName  template the node ran, by name; empty for step groups and for calls by {@code templateRef}
 * @param templateRef   the {@code templateRef} the node ran, if it was called by one (Argo records it instead of a
 *                      template name)
 * @param templateScope Argo's template scope: where the call was resolved, {@code local/<wf>},
 *                      {@code namespaced/<WorkflowTemplate>} or {@code cluster/<ClusterWorkflowTemplate>}
 * @param phase         node phase
 * @param boundaryId    id of the Steps/DAG node this node belongs to; empty for top-level nodes
 * @param message       why the node is in its phase; may be empty
 * @param startedAt     when the node started
 * @param finishedAt    when it ended
 * @param progress      {@code N/M} of finished/total pods below; empty when undefined
 * @param nodeFlag      why the node exists (hook, retry attempt)
 * @param inputs        the inputs the template ran with
 * @param outputs       what it produced
 * @param children      ids of the nodes that follow this one
 * @param outboundNodes for Steps/DAG nodes, ids of the last nodes inside them
 * @param daemoned      a daemon step's pod is running and ready (Argo's {@code daemoned}); the step then counts as
 *                      fulfilled for what follows it, until its scope ends and the pod is stopped
 * @param podIp         the pod's IP while daemoned ({@code {{steps.X.ip}}}); empty otherwise
 */
public record NodeStatus(String id, String name, String displayName, NodeType type, String templateName,
                         Optional<TemplateRef> templateRef, String templateScope, NodePhase phase, String boundaryId, String message,
                         Optional<Instant> startedAt, Optional<Instant> finishedAt, String progress,
                         Optional<NodeFlag> nodeFlag, Optional<Inputs> inputs, Optional<Outputs> outputs,
                         List<String> children, List<String> outboundNodes, boolean daemoned, String podIp) {

    public NodeStatus {
        Objects.requireNonNull(podIp, "podIp");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(templateName, "templateName");
        Objects.requireNonNull(templateRef, "templateRef");
        Objects.requireNonNull(templateScope, "templateScope");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(boundaryId, "boundaryId");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(nodeFlag, "nodeFlag");
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(outputs, "outputs");
        children = children instanceof AppendList<String> ? children : List.copyOf(children);
        outboundNodes = List.copyOf(outboundNodes);
    }

    /** A node that is not daemoned. */
    public NodeStatus(String id, String name, String displayName, NodeType type, String templateName,
                      Optional<TemplateRef> templateRef, String templateScope, NodePhase phase, String boundaryId,
                      String message, Optional<Instant> startedAt, Optional<Instant> finishedAt, String progress,
                      Optional<NodeFlag> nodeFlag, Optional<Inputs> inputs, Optional<Outputs> outputs,
                      List<String> children, List<String> outboundNodes) {
        this(id, name, displayName, type, templateName, templateRef, templateScope, phase, boundaryId, message,
                startedAt, finishedAt, progress, nodeFlag, inputs, outputs, children, outboundNodes, false, "");
    }

    /** A node that was not called by {@code templateRef}. */
    public NodeStatus(String id, String name, String displayName, NodeType type, String templateName,
                      String templateScope, NodePhase phase, String boundaryId, String message,
                      Optional<Instant> startedAt, Optional<Instant> finishedAt, String progress,
                      Optional<NodeFlag> nodeFlag, Optional<Inputs> inputs, Optional<Outputs> outputs,
                      List<String> children, List<String> outboundNodes) {
        this(id, name, displayName, type, templateName, Optional.empty(), templateScope, phase, boundaryId, message,
                startedAt, finishedAt, progress, nodeFlag, inputs, outputs, children, outboundNodes);
    }

    /**
     * Argo's {@code GetTemplateFromNode}: the referenced template's name for a node called by {@code templateRef},
     * else {@link #templateName()}. Pod names and {@code workflow.failures} use it.
     */
    public String templateNameOrRef() {
        return templateRef.map(TemplateRef::template).orElse(templateName);
    }

    /**
     * The TEMPLATE column of {@code argo get}: {@code NAME/TEMPLATE} for a node called by {@code templateRef}, else
     * the template name.
     */
    public String templateLabel() {
        return templateRef.map(r -> r.name() + "/" + r.template()).orElse(templateName);
    }

    /** Argo's v2 pod name of this node: {@code <wf>-<template>-<fnv32a(name)>}. */
    public String podName(String workflowName) {
        return PodNames.podName(workflowName, name, templateNameOrRef());
    }

    /** Whether the node has ended (Argo's "fulfilled", daemons aside). */
    public boolean isDone() {
        return phase.isDone();
    }

    /**
     * Argo's {@code Fulfilled}: ended, or a daemon whose pod is running and ready; what follows a step or task
     * may then start.
     */
    public boolean isFulfilled() {
        return isDone() || daemoned && phase != NodePhase.PENDING;
    }

    /** The node daemoned (with its pod's IP) or no longer daemoned ({@code ""}). */
    public NodeStatus withDaemoned(boolean newDaemoned, String newPodIp) {
        return new NodeStatus(id, name, displayName, type, templateName, templateRef, templateScope, phase, boundaryId,
                message, startedAt, finishedAt, progress, nodeFlag, inputs, outputs, children, outboundNodes,
                newDaemoned, newPodIp);
    }

    /** Whether this node is a hook or exit handler. */
    public boolean isHooked() {
        return nodeFlag.map(NodeFlag::hooked).orElse(false);
    }

    /** Whether this node is an attempt of a Retry node. */
    public boolean isRetried() {
        return nodeFlag.map(NodeFlag::retried).orElse(false);
    }

    public NodeStatus withPhase(NodePhase newPhase) {
        return new NodeStatus(id, name, displayName, type, templateName, templateRef, templateScope, newPhase, boundaryId,
                message, startedAt, finishedAt, progress, nodeFlag, inputs, outputs, children, outboundNodes, daemoned, podIp);
    }

    public NodeStatus withMessage(String newMessage) {
        return new NodeStatus(id, name, displayName, type, templateName, templateRef, templateScope, phase, boundaryId,
                newMessage, startedAt, finishedAt, progress, nodeFlag, inputs, outputs, children, outboundNodes, daemoned, podIp);
    }

    public NodeStatus withDisplayName(String newDisplayName) {
        return new NodeStatus(id, name, newDisplayName, type, templateName, templateRef, templateScope, phase, boundaryId,
                message, startedAt, finishedAt, progress, nodeFlag, inputs, outputs, children, outboundNodes, daemoned, podIp);
    }

    public NodeStatus withStartedAt(Optional<Instant> at) {
        return new NodeStatus(id, name, displayName, type, templateName, templateRef, templateScope, phase, boundaryId,
                message, at, finishedAt, progress, nodeFlag, inputs, outputs, children, outboundNodes, daemoned, podIp);
    }

    public NodeStatus withFinishedAt(Optional<Instant> at) {
        return new NodeStatus(id, name, displayName, type, templateName, templateRef, templateScope, phase, boundaryId,
                message, startedAt, at, progress, nodeFlag, inputs, outputs, children, outboundNodes, daemoned, podIp);
    }

    public NodeStatus withProgress(String newProgress) {
        return new NodeStatus(id, name, displayName, type, templateName, templateRef, templateScope, phase, boundaryId,
                message, startedAt, finishedAt, newProgress, nodeFlag, inputs, outputs, children, outboundNodes, daemoned, podIp);
    }

    public NodeStatus withNodeFlag(Optional<NodeFlag> flag) {
        return new NodeStatus(id, name, displayName, type, templateName, templateRef, templateScope, phase, boundaryId,
                message, startedAt, finishedAt, progress, flag, inputs, outputs, children, outboundNodes, daemoned, podIp);
    }

    public NodeStatus withInputs(Optional<Inputs> newInputs) {
        return new NodeStatus(id, name, displayName, type, templateName, templateRef, templateScope, phase, boundaryId,
                message, startedAt, finishedAt, progress, nodeFlag, newInputs, outputs, children, outboundNodes, daemoned, podIp);
    }

    public NodeStatus withOutputs(Optional<Outputs> newOutputs) {
        return new NodeStatus(id, name, displayName, type, templateName, templateRef, templateScope, phase, boundaryId,
                message, startedAt, finishedAt, progress, nodeFlag, inputs, newOutputs, children, outboundNodes, daemoned, podIp);
    }

    public NodeStatus withChildren(List<String> newChildren) {
        return new NodeStatus(id, name, displayName, type, templateName, templateRef, templateScope, phase, boundaryId,
                message, startedAt, finishedAt, progress, nodeFlag, inputs, outputs, newChildren, outboundNodes, daemoned, podIp);
    }

    public NodeStatus withOutboundNodes(List<String> newOutbound) {
        return new NodeStatus(id, name, displayName, type, templateName, templateRef, templateScope, phase, boundaryId,
                message, startedAt, finishedAt, progress, nodeFlag, inputs, outputs, children, newOutbound, daemoned, podIp);
    }
}
