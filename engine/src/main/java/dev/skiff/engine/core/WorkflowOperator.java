package dev.skiff.engine.core;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.Arguments;
import dev.skiff.engine.model.LifecycleHook;
import dev.skiff.engine.model.NodeFlag;
import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.model.ParameterJson;
import dev.skiff.engine.model.PodNames;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowPhase;
import dev.skiff.engine.template.UnresolvedTags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Argo's operate(): one reconcile of the whole workflow, from the entry template to the exit handler. */
final class WorkflowOperator {

    private final Ctx ctx;
    private final Workflow wf;
    private final TemplateExecutor executor;
    private final WorkflowState wfState;
    private Arguments entryArguments;
    private int failuresVersion = -1;
    private String failures;
    private Map<String, String> globalsLabels;

    WorkflowOperator(Ctx ctx, Workflow wf, WorkflowState wfState) {
        this.ctx = ctx;
        this.wf = wf;
        this.wfState = wfState;
        this.executor = new TemplateExecutor(ctx);
    }

    void operate() {
        if (wfState.phase().map(WorkflowPhase::isDone).orElse(false)) {
            return;
        }
        boolean first = wfState.phase().isEmpty();
        if (first) {
            wfState.mark(WorkflowPhase.RUNNING, "");
        }
        if (globalsLabels == null || !globalsLabels.equals(wfState.labels())) {
            try {
                Globals.set(ctx, wf, wfState.labels());
            } catch (ReconcileException e) {
                wfState.mark(WorkflowPhase.FAILED, "failed to set global parameters: " + e.getMessage());
                return;
            }
            globalsLabels = Map.copyOf(wfState.labels());
        }
        ctx.globals.put("workflow.status", WorkflowPhase.RUNNING.argoName());
        ctx.globals.put("workflow.duration", seconds(wfState.startedAt().orElse(ctx.now()), ctx.now()));
        if (entryArguments == null) {
            entryArguments = renderArguments(ctx.spec.arguments());
        }
        ctx.spec.activeDeadlineSeconds().ifPresent(s -> {
            Instant deadline = wfState.startedAt().orElse(ctx.now()).plusSeconds(s);
            ctx.workflowDeadline = Optional.of(deadline);
            ctx.wakeAt(deadline.plusSeconds(1), ctx.wfName);
        });
        ExecutionControl.apply(ctx);
        if (ctx.suspended) {
            // Argo's operate returns here while spec.suspend is set: running steps go on, nothing new starts.
            return;
        }
        Exec root = executor.execute(ctx.wfName, Call.of(ctx.spec.entrypoint(), ctx.localBase), entryArguments,
                Opts.top());
        if (root.is(ReconcileException.Kind.PARALLELISM) && root.node() != null) {
            NodeStatus now = ctx.state.byId(root.node().id());
            if (now != null && now.isDone()) {
                // failFast marked the entry node done while refusing to go on: Argo finishes on the next pass.
                root = Exec.of(now);
            }
        }
        if (root.failed()) {
            if (root.is(ReconcileException.Kind.PARALLELISM)) {
                return;
            }
            wfState.markError("error in entry template execution: " + root.error().getMessage(), ctx.state);
            return;
        }
        NodeStatus node = root.node();
        WorkflowPhase outcome = switch (node.phase()) {
            case PENDING -> WorkflowPhase.PENDING;
            case RUNNING -> WorkflowPhase.RUNNING;
            case SUCCEEDED, SKIPPED, OMITTED -> WorkflowPhase.SUCCEEDED;
            case FAILED -> WorkflowPhase.FAILED;
            case ERROR -> WorkflowPhase.ERROR;
        };
        ctx.globals.put("workflow.status", outcome.argoName());
        if (failuresVersion != ctx.state.failedVersion()) {
            failures = failures();
            failuresVersion = ctx.state.failedVersion();
        }
        ctx.globals.put("workflow.failures", failures);
        boolean hooksDone = workflowHooks();
        if (!hooksDone || !node.isDone()) {
            return;
        }
        NodeStatus onExit = null;
        Optional<LifecycleHook> exitHook = ctx.spec.exitHook();
        String onExitName = ctx.wfName + ".onExit";
        if (exitHook.isPresent() && (ctx.state.byName(onExitName).isPresent() || ctx.shouldExecute(true))) {
            Exec exec = executor.execute(onExitName, Call.of(exitHook.get(), ctx.localBase), renderArguments(exitHook.get().arguments()),
                    new Opts("", true, Optional.of(NodeFlag.HOOKED), "", Optional.empty()));
            if (exec.failed()) {
                if (!exec.is(ReconcileException.Kind.PARALLELISM)) {
                    wfState.markError("error in exit template execution : " + exec.error().getMessage(), ctx.state);
                }
                return;
            }
            onExit = exec.node();
            if (onExit == null || !onExit.isDone()) {
                return;
            }
        }
        String message = node.phase().isFailedOrError() && ctx.stopping() ? ctx.shutdown.get().stoppedMessage()
                : node.message();
        switch (outcome) {
            case SUCCEEDED -> {
                if (onExit != null && onExit.phase().isFailedOrError()) {
                    if (onExit.phase() == NodePhase.FAILED) {
                        wfState.mark(WorkflowPhase.FAILED, onExit.message());
                    } else {
                        wfState.markError(onExit.message(), ctx.state);
                    }
                } else {
                    wfState.mark(WorkflowPhase.SUCCEEDED, "");
                }
            }
            case FAILED -> wfState.mark(WorkflowPhase.FAILED, message);
            case ERROR -> wfState.mark(WorkflowPhase.ERROR, message);
            default -> wfState.markError("Unexpected node phase " + ctx.wfName, ctx.state);
        }
    }

    /** Argo's executeWfLifeCycleHook: workflow hooks other than exit, run when their expression holds. */
    private boolean workflowHooks() {
        boolean done = true;
        for (Map.Entry<String, LifecycleHook> e : new TreeMap<>(ctx.spec.hooks()).entrySet()) {
            if (e.getKey().equals(LifecycleHook.EXIT)) {
                continue;
            }
            String hookName = ctx.wfName + ".hooks." + e.getKey();
            boolean run;
            try {
                if (e.getValue().expression().isEmpty()) {
                    throw new ReconcileException("Expression required for hook " + hookName);
                }
                run = Tags.evalBool(e.getValue().expression(), ctx.globals);
            } catch (ReconcileException ex) {
                ctx.state.markError(ctx.wfName, ex.getMessage());
                return true;
            }
            if (run || ctx.state.byName(hookName).isPresent()) {
                Exec exec = executor.execute(hookName, Call.of(e.getValue(), ctx.localBase), renderArguments(e.getValue().arguments()),
                        new Opts("", false, Optional.of(NodeFlag.HOOKED), "", Optional.empty()));
                if (exec.failed()) {
                    ctx.state.markError(ctx.wfName, exec.error().getMessage());
                    return true;
                }
                ctx.state.addChild(ctx.wfName, hookName);
                done &= exec.node() != null && exec.node().isDone();
            }
        }
        return done;
    }

    /** Argo's substituteGlobalVariables over workflow-level arguments. */
    private Arguments renderArguments(Arguments args) {
        if (args.parameters().isEmpty()) {
            return args;
        }
        ObjectNode raw = JsonNodeFactory.instance.objectNode();
        ArrayNode list = raw.putArray("parameters");
        args.parameters().forEach(p -> list.add(ParameterJson.write(p)));
        try {
            ObjectNode rendered = (ObjectNode) Tags.renderTree(raw, ctx.globals, UnresolvedTags.KEEP);
            return new Arguments(ParameterJson.readList(rendered, "parameters", "arguments"), args.artifacts());
        } catch (ReconcileException e) {
            return args;
        }
    }

    /** Argo's workflow.failures: a Go-quoted JSON list of the failed nodes. */
    private String failures() {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (String id : ctx.state.failedIds()) {
            NodeStatus node = ctx.state.byId(id);
            ObjectNode f = list.addObject();
            f.put("displayName", node.displayName());
            f.put("message", node.message());
            f.put("templateName", node.templateNameOrRef());
            f.put("phase", node.phase().argoName());
            f.put("podName", PodNames.podName(ctx.wfName, node.name(), node.templateNameOrRef()));
            if (node.finishedAt().isPresent()) {
                f.put("finishedAt", NodeScope.time(node.finishedAt().get()));
            } else {
                f.putNull("finishedAt");
            }
        }
        String json = list.isEmpty() ? "null" : GoJson.marshal(list);
        return goQuote(json);
    }

    /** Go's strconv.Quote for ASCII-safe text. */
    static String goQuote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String seconds(Instant from, Instant to) {
        double s = java.time.Duration.between(from, to).toNanos() / 1e9;
        return String.format(java.util.Locale.ROOT, "%f", s);
    }

    List<String> activePodIds() {
        List<String> out = new ArrayList<>();
        ctx.attached.keySet().forEach(id -> {
            NodeStatus n = ctx.state.byId(id);
            if (n != null && n.type() == NodeType.POD && !n.isDone()) {
                out.add(id);
            }
        });
        return out;
    }
}
