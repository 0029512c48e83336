package dev.skiff.engine.core;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.model.Outputs;
import dev.skiff.engine.model.Parameter;
import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.TemplateKind;
import dev.skiff.spi.executor.StepOutcome;
import dev.skiff.spi.executor.StepRequest;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Pod nodes: starting their steps (Argo's executeContainer / executeScript) and taking in what the
 * executor observed (Argo's assessNodeStatus).
 */
final class PodNodes {

    private static final Pattern EXIT_MESSAGE = Pattern.compile("^Error \\(exit code \\d+\\)$");

    private PodNodes() {
    }

    static NodeStatus execute(Ctx ctx, String nodeName, Template tmpl, Call call, Opts opts) {
        RunState st = ctx.state;
        NodeStatus node = st.byName(nodeName).orElse(null);
        // A node that is not done, was not started by this reconciler and was recorded Running comes from the
        // saved status: its pod exists (or is gone, which the executor reports), it is never created again.
        boolean reattach = node != null && node.phase() == NodePhase.RUNNING;
        if (node == null) {
            node = Nodes.initExecutable(ctx, nodeName, NodeType.POD, call, tmpl, opts, NodePhase.PENDING, "");
        }
        if (node.isDone() || ctx.attached.containsKey(node.id())) {
            return node;
        }
        if (!ctx.shouldExecute(opts.onExit())) {
            return st.markPhase(nodeName, NodePhase.FAILED, ctx.shutdown.get().newPodMessage());
        }
        boolean includeResult = includeResult(ctx, tmpl.kind(), nodeName, opts.boundaryId());
        Optional<StepRequest> request = PodLauncher.request(ctx, node, tmpl, opts, includeResult);
        if (request.isEmpty()) {
            return st.markPhase(nodeName, NodePhase.FAILED, ExecutionControl.DEADLINE_MESSAGE);
        }
        ctx.attached.put(node.id(), request.get().ref());
        ctx.includeResult.put(node.id(), includeResult);
        ctx.podTemplates.put(node.id(), tmpl);
        ctx.decide(new Decision.StartStep(request.get(), reattach));
        return node;
    }

    /** Argo's includeScriptOutput by kind: executeResource never asks for the result, executeData always does. */
    static boolean includeResult(Ctx ctx, TemplateKind kind, String nodeName, String boundaryId) {
        return switch (kind) {
            case RESOURCE -> false;
            case DATA -> true;
            default -> includeResult(ctx, nodeName, boundaryId);
        };
    }

    /**
     * Argo's includeScriptOutput: a pod's stdout becomes {@code outputs.result} only when the template that
     * called it refers to {@code steps.NAME.outputs.result} or {@code tasks.NAME.outputs.result}.
     */
    static boolean includeResult(Ctx ctx, String nodeName, String boundaryId) {
        if (boundaryId.isEmpty()) {
            return false;
        }
        Template parent = ctx.processed.get(boundaryId);
        if (parent == null) {
            NodeStatus boundary = ctx.state.byId(boundaryId);
            parent = boundary == null ? null : TemplateResolution.ofNode(ctx, boundary).orElse(null);
        }
        if (parent == null) {
            return false;
        }
        String prefix = parent.dag().isPresent() ? "tasks" : !parent.steps().isEmpty()
                || parent.raw().has("steps") ? "steps" : "";
        return ctx.resultReferences(parent, prefix).contains(stepOrTaskName(nodeName));
    }

    /** Argo's getStepOrDAGTaskName: {@code .fanout1(0:1)(0)[0]} gives {@code fanout1}. */
    static String stepOrTaskName(String nodeName) {
        String name = nodeName;
        char opener = 0;
        for (int i = name.length() - 1; i >= 0; i--) {
            char c = name.charAt(i);
            if (opener != 0 && c == opener) {
                opener = 0;
            } else if (opener != 0) {
                continue;
            } else if (c == ')') {
                opener = '(';
            } else if (c == ']') {
                opener = '[';
            } else {
                name = name.substring(0, i + 1);
                break;
            }
        }
        int dot = name.lastIndexOf('.');
        return dot >= 0 ? name.substring(dot + 1) : name;
    }

    /**
     * For a report on a step whose node this reconciler still has not walked (a suspended workflow walks nothing):
     * whether its stdout is the result and which template declares its outputs, from the node and the spec.
     */
    static void prepareUnvisited(Ctx ctx, String nodeId) {
        NodeStatus node = ctx.state.byId(nodeId);
        if (node == null || ctx.attached.containsKey(nodeId)) {
            return;
        }
        Optional<Template> tmpl = ctx.spec.template(node.templateName());
        ctx.includeResult.putIfAbsent(nodeId, includeResult(ctx, tmpl.map(Template::kind).orElse(TemplateKind.CONTAINER),
                node.name(), node.boundaryId()));
        tmpl.ifPresent(t -> ctx.podTemplates.putIfAbsent(nodeId, t));
    }

    /** Applies an executor's observation to its pod node; false when nothing changed. */
    static boolean observe(Ctx ctx, String nodeId, StepOutcome outcome) {
        RunState st = ctx.state;
        NodeStatus old = st.byId(nodeId);
        if (old == null || old.type() != NodeType.POD || old.isDone()) {
            return false;
        }
        NodeStatus updated = old;
        switch (outcome.phase()) {
            // Argo's getPendingReason: the first waiting container's "reason: message", else Unschedulable's.
            case PENDING -> updated = updated.withPhase(NodePhase.PENDING).withMessage(outcome.message());
            case RUNNING -> {
                updated = updated.withPhase(NodePhase.RUNNING);
                Template tmpl = ctx.podTemplates.get(nodeId);
                if (tmpl != null && tmpl.daemon()) {
                    // Argo's assessNodeStatus: a daemon's pod running with every container ready daemons the node
                    // (the executor reports such a pod running only once it is ready) and records its IP.
                    updated = updated.withDaemoned(true, outcome.podIp().orElse(updated.podIp()));
                    DaemonNodes.noteDaemoned(ctx, nodeId);
                }
            }
            case SUCCEEDED -> updated = updated.withPhase(NodePhase.SUCCEEDED);
            case FAILED -> updated = updated.withPhase(NodePhase.FAILED).withMessage(failureMessage(outcome));
            case ERROR -> updated = updated.withPhase(NodePhase.ERROR).withMessage(errorMessage(ctx, nodeId, outcome));
        }
        if (outcome.phase().isDone()) {
            updated = withOutputs(ctx, updated, outcome);
            if (updated.daemoned()) {
                updated = updated.withDaemoned(false, updated.podIp());
            }
        }
        if (outcome.phase() == dev.skiff.spi.executor.StepPhase.PENDING && updated.daemoned()) {
            updated = updated.withDaemoned(false, updated.podIp());
        }
        if (old.phase() == NodePhase.PENDING && updated.phase() != NodePhase.PENDING && !updated.phase().isFailedOrError()
                && old.message().equals(updated.message())) {
            updated = updated.withMessage("");
        }
        if (updated.isDone() && updated.finishedAt().isEmpty()) {
            updated = updated.withFinishedAt(Optional.of(outcome.finishedAt().orElse(ctx.now())
                    .truncatedTo(ChronoUnit.SECONDS)));
        }
        if (updated.equals(old)) {
            return false;
        }
        st.put(updated);
        updated.outputs().ifPresent(o -> GlobalOutputs.add(ctx, o));
        st.markDirty(nodeId);
        if (updated.isDone()) {
            ctx.unblockParallelism();
            // A done pod is never walked again: drop what was kept to start it and read its outputs.
            ctx.processed.remove(nodeId);
            ctx.podTemplates.remove(nodeId);
            ctx.includeResult.remove(nodeId);
        }
        return true;
    }

    /** An executor's error, or Argo's init container message when an input artifact failed to load. */
    private static String errorMessage(Ctx ctx, String nodeId, StepOutcome outcome) {
        Template tmpl = ctx.podTemplates.get(nodeId);
        if (tmpl == null || outcome.inputArtifacts().isEmpty()) {
            return outcome.message();
        }
        return PodArtifacts.loadError(tmpl, outcome).orElse(outcome.message());
    }

    private static String failureMessage(StepOutcome outcome) {
        String message = outcome.message();
        if (message.isEmpty() || EXIT_MESSAGE.matcher(message).matches()) {
            if (outcome.exitCode().isPresent()) {
                return "main: Error (exit code " + outcome.exitCode().getAsInt() + ")";
            }
            return message.isEmpty() ? "pod failed: main container did not complete successfully" : message;
        }
        return message;
    }

    private static NodeStatus withOutputs(Ctx ctx, NodeStatus node, StepOutcome outcome) {
        Template tmpl = ctx.podTemplates.get(node.id());
        List<Parameter> params = new ArrayList<>();
        String missing = null;
        if (tmpl != null) {
            // Argo's executor (SaveParameters) stops at the first file that is missing and has no default;
            // the outputs it reports still list every declared parameter, those after it without a value.
            for (Parameter p : tmpl.outputs().parameters()) {
                if (tmpl.kind() == TemplateKind.RESOURCE) {
                    // argoexec resource saves jsonPath/jqFilter parameters itself (SaveResourceParameters).
                    String value = outcome.outputParameters().get(p.name());
                    params.add(value == null ? p : p.withValue(value));
                    continue;
                }
                if (p.valueFrom().isEmpty() || p.valueFrom().get().path().isEmpty() || missing != null) {
                    params.add(p);
                    continue;
                }
                // The executor reports the files it read (one trailing newline trimmed); Argo trims the default too.
                String value = outcome.outputParameters().get(p.name());
                if (value == null) {
                    value = p.valueFrom().get().defaultValue().map(PodNodes::trimNewline).orElse(null);
                }
                if (value == null) {
                    missing = p.valueFrom().get().path();
                    params.add(p);
                    continue;
                }
                params.add(p.withValue(value));
            }
        }
        Optional<String> result = Boolean.TRUE.equals(ctx.includeResult.get(node.id())) ? outcome.result()
                : Optional.empty();
        Optional<String> exitCode = outcome.exitCode().isPresent()
                ? Optional.of(String.valueOf(outcome.exitCode().getAsInt())) : Optional.empty();
        PodArtifacts.Saved artifacts = tmpl == null || node.phase() == NodePhase.ERROR
                ? new PodArtifacts.Saved(List.of(), Optional.empty())
                : PodArtifacts.saved(ctx, tmpl, dev.skiff.engine.model.PodNames.podName(ctx.wfName, node.name(),
                tmpl.name()), outcome);
        Outputs outputs = new Outputs(params, artifacts.artifacts(), result, exitCode);
        NodeStatus out = outputs.isEmpty() ? node : node.withOutputs(Optional.of(outputs));
        if (node.phase() == NodePhase.SUCCEEDED) {
            // A failed main container outranks the wait container's error (Argo's inferFailedReason), whose
            // message is the executor's first error: parameters are saved before artifacts.
            Optional<String> waitError = missing != null ? Optional.of(MissingOutputFile.message(tmpl, missing))
                    : artifacts.error();
            if (waitError.isPresent()) {
                out = out.withPhase(NodePhase.ERROR).withMessage(waitError.get());
            }
        }
        return out;
    }

    private static String trimNewline(String value) {
        return value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
    }
}
