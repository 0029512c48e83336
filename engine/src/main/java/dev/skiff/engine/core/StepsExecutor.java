package dev.skiff.engine.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.NodeFlag;
import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.model.Outputs;
import dev.skiff.engine.model.Parameter;
import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.WorkflowFormatException;
import dev.skiff.engine.model.WorkflowStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Argo's executeSteps and executeStepGroup: groups run one after another, the steps of a group in parallel. */
final class StepsExecutor {

    private final Ctx ctx;
    private final TemplateExecutor executor;

    StepsExecutor(Ctx ctx, TemplateExecutor executor) {
        this.ctx = ctx;
        this.executor = executor;
    }

    Exec execute(String nodeName, Template tmpl, Call call, Opts opts) {
        RunState st = ctx.state;
        NodeStatus node = st.byName(nodeName).orElse(null);
        if (node == null) {
            node = Nodes.initExecutable(ctx, nodeName, NodeType.STEPS, call, tmpl, opts, NodePhase.RUNNING, "");
        }
        String stepsId = node.id();
        StepsFrame frame = ctx.frame(stepsId, StepsFrame.class, () -> newFrame(tmpl));
        for (int i = frame.group; i < tmpl.steps().size(); i++) {
            String sgName = nodeName + "[" + i + "]";
            Optional<NodeStatus> existing = st.byName(sgName);
            if (existing.isEmpty()) {
                NodeStatus sg = st.initNode(sgName, NodeType.STEP_GROUP, "", Optional.empty(),
                        ctx.baseOf(stepsId).scopeText(), stepsId, NodePhase.RUNNING, Optional.of(NodeFlag.NONE), "");
                st.setOwner(sg.id(), stepsId);
            } else {
                // A group from the saved status (a rebuilt reconciler): its children's reports must reach us.
                st.setOwner(existing.get().id(), stepsId);
                if (!existing.get().isDone()) {
                    st.markPhase(sgName, NodePhase.RUNNING);
                }
            }
            link(nodeName, i, sgName);
            NodeStatus sg = executeGroup(tmpl.steps().get(i), i, sgName, stepsId, frame, opts);
            if (!sg.isDone()) {
                return Exec.of(st.getByName(nodeName));
            }
            if (sg.phase().isFailedOrError()) {
                updateOutbound(nodeName, tmpl);
                return Exec.of(st.markPhase(nodeName, NodePhase.FAILED, sg.message()));
            }
            addGroupOutputs(tmpl.steps().get(i), i, sgName, stepsId, frame);
            frame.group = i + 1;
        }
        updateOutbound(nodeName, tmpl);
        Optional<Outputs> outputs;
        try {
            outputs = TemplateOutputs.resolve(ctx, tmpl, frame.fullScope(ctx));
        } catch (ReconcileException e) {
            return new Exec(st.getByName(nodeName), e);
        }
        if (outputs.isPresent()) {
            st.setOutputs(nodeName, outputs);
            GlobalOutputs.add(ctx, outputs.get());
        }
        return Exec.of(st.markPhase(nodeName, NodePhase.SUCCEEDED));
    }

    private StepsFrame newFrame(Template tmpl) {
        StepsFrame frame = new StepsFrame();
        for (Parameter p : tmpl.inputs().parameters()) {
            frame.base.put("inputs.parameters." + p.name(), p.value().orElse(""));
        }
        return frame;
    }

    /** Connects a step group to the outbound nodes of the group before it. */
    private void link(String nodeName, int i, String sgName) {
        RunState st = ctx.state;
        if (i == 0) {
            st.addChild(nodeName, sgName);
            return;
        }
        String prevName = nodeName + "[" + (i - 1) + "]";
        NodeStatus prev = st.getByName(prevName);
        if (prev.children().isEmpty()) {
            st.addChild(prevName, sgName);
            return;
        }
        for (String childId : prev.children()) {
            for (String outId : OutboundNodes.of(st, childId)) {
                NodeStatus out = st.byId(outId);
                if (out != null) {
                    st.addChild(out.name(), sgName);
                }
            }
        }
    }

    private NodeStatus executeGroup(List<WorkflowStep> group, int index, String sgName, String stepsId,
                                    StepsFrame frame, Opts opts) {
        RunState st = ctx.state;
        NodeStatus sg = st.getByName(sgName);
        StepsFrame.GroupFrame g = frame.groups.computeIfAbsent(index, k -> new StepsFrame.GroupFrame());
        if (sg.isDone() && executor.childrenDone(sg)) {
            return sg;
        }
        if (g.entries == null) {
            try {
                g.entries = expandGroup(group, sgName, stepsId, frame);
            } catch (ReconcileException e) {
                if (e.is(ReconcileException.Kind.REQUEUE)) {
                    ctx.noteStall(e.getMessage());
                    return sg;
                }
                return st.markError(sgName, e.getMessage());
            }
            g.unsettled.addAll(g.entries);
        }
        Opts childOpts = new Opts(stepsId, opts.onExit(), Optional.empty(), sg.id(), Optional.empty());
        TemplateBase base = ctx.baseOf(stepsId);
        for (StepsFrame.Entry entry : g.unsettled) {
            WorkflowStep step = (WorkflowStep) entry.call();
            Optional<NodeStatus> child = st.byName(entry.childName());
            if (child.isPresent() && child.get().type() == NodeType.SKIPPED) {
                continue;
            }
            boolean proceed = true;
            try {
                if (child.isEmpty()) {
                    proceed = Tags.when(step.when());
                }
            } catch (ReconcileException e) {
                if (child.isEmpty()) {
                    Nodes.initSkipped(ctx, entry.childName(), Call.of(step, base), stepsId, NodePhase.ERROR,
                            e.getMessage(), sg.id());
                }
                st.addChild(sgName, entry.childName());
                st.markError(entry.childName(), e.getMessage());
                return st.markError(sgName, e.getMessage());
            }
            if (!proceed) {
                if (child.isEmpty()) {
                    Nodes.initSkipped(ctx, entry.childName(), Call.of(step, base), stepsId, NodePhase.SKIPPED,
                            "when '" + step.when() + "' evaluated false", sg.id());
                    st.addChild(sgName, entry.childName());
                }
                continue;
            }
            Exec exec = executor.execute(entry.childName(), Call.of(step, base), step.arguments(), childOpts);
            if (exec.failed()) {
                switch (exec.error().kind()) {
                    case PARALLELISM, MAX_DEPTH -> {
                        // try again on a later visit
                    }
                    case TIMEOUT -> {
                        return st.markPhase(sgName, NodePhase.FAILED, exec.error().getMessage());
                    }
                    default -> {
                        st.addChild(sgName, entry.childName());
                        return st.markError(sgName, "step group deemed errored due to child " + entry.childName()
                                + " error: " + exec.error().getMessage());
                    }
                }
            }
            if (exec.node() != null) {
                st.addChild(sgName, entry.childName());
            }
        }
        return settle(g, sgName, stepsId, frame);
    }

    /** The completion half of executeStepGroup: hooks, exit handlers, then the group's phase. */
    private NodeStatus settle(StepsFrame.GroupFrame g, String sgName, String stepsId, StepsFrame frame) {
        RunState st = ctx.state;
        NodeStatus sg = st.getByName(sgName);
        boolean completed = true;
        List<StepsFrame.Entry> settled = new ArrayList<>();
        for (StepsFrame.Entry entry : g.unsettled) {
            Optional<NodeStatus> found = st.byName(entry.childName());
            if (found.isEmpty()) {
                completed = false;
                continue;
            }
            NodeStatus child = found.get();
            boolean skippedByWhen = child.type() == NodeType.SKIPPED;
            WorkflowStep step = (WorkflowStep) entry.call();
            frame.put(child.displayName(), "steps." + child.displayName() + ".status", child.phase().argoName());
            boolean childSettled = child.isFulfilled();
            if (!skippedByWhen && (!step.hooks().isEmpty() || !step.onExit().isEmpty())) {
                Map<String, Object> scope = frame.scopeFor(ctx, step.raw().toString());
                scope.put("steps." + child.displayName() + ".status", child.phase().argoName());
                ExitHooks.Hooks hooks = executor.hooks.runLifecycleHooks(step.hooks(), child, stepsId, "steps",
                        step.name(), scope, sg.id(), ctx.baseOf(stepsId));
                if (hooks.error() != null) {
                    st.markError(sgName, hooks.error().getMessage());
                }
                if (!hooks.completed()) {
                    return st.getByName(sgName);
                }
                if (child.phase().isCompleted()) {
                    ExitHooks.OnExit onExit = executor.hooks.runOnExit(step.exitHook(ctx.spec.arguments()), child,
                            stepsId, "steps", step.name(), scope, sg.id(), ctx.baseOf(stepsId));
                    if (onExit.error() != null && !onExit.error().is(ReconcileException.Kind.PARALLELISM)) {
                        throw onExit.error();
                    }
                    if (onExit.pending()) {
                        childSettled = false;
                    }
                }
            }
            if (!child.isFulfilled() || !childSettled) {
                completed = false;
            } else {
                settled.add(entry);
            }
        }
        if (!settled.isEmpty()) {
            java.util.Set<StepsFrame.Entry> done = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            done.addAll(settled);
            g.unsettled.removeIf(done::contains);
        }
        if (!completed || !g.unsettled.isEmpty()) {
            if (sg.isDone()) {
                return st.markPhase(sgName, NodePhase.RUNNING);
            }
            return sg;
        }
        Map<String, StepsFrame.Entry> byName = new java.util.HashMap<>();
        g.entries.forEach(e -> byName.putIfAbsent(e.childName(), e));
        for (String childId : sg.children()) {
            NodeStatus child = st.byId(childId);
            if (child == null) {
                continue;
            }
            StepsFrame.Entry entry = byName.get(child.name());
            boolean continues = entry != null && child.type() != NodeType.SKIPPED && entry.call().continuesOn(child.phase());
            if (child.phase().isFailedOrError() && !continues) {
                return st.markPhase(sgName, NodePhase.FAILED, "child '" + childId + "' failed");
            }
        }
        return st.markPhase(sgName, NodePhase.SUCCEEDED);
    }

    /** Resolves references of each step, then expands loops (Argo's resolveReferences + expandStepGroup). */
    private List<StepsFrame.Entry> expandGroup(List<WorkflowStep> group, String sgName, String stepsId,
                                                StepsFrame frame) {
        List<StepsFrame.Entry> entries = new ArrayList<>();
        List<WorkflowStep> resolved = new ArrayList<>();
        for (WorkflowStep step : group) {
            Map<String, Object> scope = frame.scopeFor(ctx, step.raw().toString());
            try {
                Template enclosing = ctx.processed.get(stepsId);
                resolved.add(read(InvocationResolver.resolve(step, scope, raw ->
                        ArtifactReferences.resolveArguments(ctx, raw, scope, enclosing, false))));
            } catch (ReconcileException e) {
                if (e.is(ReconcileException.Kind.REQUEUE)) {
                    throw e;
                }
                throw new ReconcileException("failed to resolve references: " + e.getMessage());
            }
        }
        for (WorkflowStep step : resolved) {
            String childName = sgName + "." + step.name();
            if (!step.expands()) {
                entries.add(new StepsFrame.Entry(childName, step, step.name()));
                continue;
            }
            Map<String, Object> scope = frame.scopeFor(ctx, step.raw().toString());
            List<InvocationResolver.Expanded> expanded = InvocationResolver.expand(step, scope, ctx.limits);
            if (expanded.isEmpty()) {
                if (ctx.state.byName(childName).isEmpty()) {
                    Nodes.initSkipped(ctx, childName, Call.of(step, ctx.baseOf(stepsId)), stepsId, NodePhase.SKIPPED,
                            "Skipped, empty params", ctx.state.nodeId(sgName));
                    ctx.state.addChild(sgName, childName);
                }
                continue;
            }
            for (InvocationResolver.Expanded e : expanded) {
                entries.add(new StepsFrame.Entry(sgName + "." + e.name(), read(e.raw()), step.name()));
            }
        }
        return entries;
    }

    private static WorkflowStep read(ObjectNode raw) {
        try {
            return WorkflowStep.read(raw, "step");
        } catch (WorkflowFormatException e) {
            throw new ReconcileException(e.getMessage());
        }
    }

    /** After a group succeeded: its steps' outputs become {@code steps.NAME.*} (aggregated for loops). */
    private void addGroupOutputs(List<WorkflowStep> group, int index, String sgName, String stepsId,
                                 StepsFrame frame) {
        RunState st = ctx.state;
        StepsFrame.GroupFrame g = frame.groups.get(index);
        for (WorkflowStep step : group) {
            String childName = sgName + "." + step.name();
            Map<String, Object> target = frame.byStep.computeIfAbsent(step.name(), k -> new java.util.HashMap<>());
            Optional<NodeStatus> child = st.byName(childName);
            if (child.isEmpty()) {
                List<NodeStatus> children = new ArrayList<>();
                if (g != null && g.entries != null) {
                    for (StepsFrame.Entry e : g.entries) {
                        if (e.stepName().equals(step.name())) {
                            st.byName(e.childName()).filter(n -> n.type() != NodeType.SKIPPED).ifPresent(children::add);
                        }
                    }
                }
                if (!children.isEmpty()) {
                    NodeScope.addAggregate(target, "steps", step.name(), children);
                }
                NodeScope.addNode(st, target, "steps", step.name(), st.getByName(sgName));
            } else {
                NodeScope.addNode(st, target, "steps", step.name(), child.get());
                Optional<Template> template = step.template().isEmpty() && step.templateRef().isEmpty()
                        ? Optional.empty() : TemplateResolution.tryResolve(ctx, Call.of(step, ctx.baseOf(stepsId)));
                NodeScope.addSkippedOutputs(target, "steps", step.name(), child.get(), template, true);
            }
        }
    }

    /** Argo's updateOutboundNodes: the outbound nodes of the last step group that exists. */
    private void updateOutbound(String nodeName, Template tmpl) {
        RunState st = ctx.state;
        NodeStatus last = null;
        for (int i = tmpl.steps().size() - 1; i >= 0 && last == null; i--) {
            last = st.byName(nodeName + "[" + i + "]").orElse(null);
        }
        if (last == null) {
            return;
        }
        List<String> outbound = new ArrayList<>();
        for (String childId : last.children()) {
            outbound.addAll(OutboundNodes.of(st, childId));
        }
        st.put(st.getByName(nodeName).withOutboundNodes(outbound));
    }
}
