package dev.skiff.engine.core;

import dev.skiff.engine.model.Arguments;
import dev.skiff.engine.model.NodeFlag;
import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.model.RetryStrategy;
import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.TemplateKind;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Argo's executeTemplate: resolves and substitutes the template of a node, applies deadlines,
 * parallelism and retries, and hands the node to the executor of its kind. A node that is done, or
 * that nothing changed below since its last visit, is returned as it is.
 */
final class TemplateExecutor {

    /** Argo's default maximum recursion depth of templates. */
    static final int MAX_STACK_DEPTH = 100;

    private final Ctx ctx;
    final StepsExecutor steps;
    final DagExecutor dag;
    final ExitHooks hooks;

    TemplateExecutor(Ctx ctx) {
        this.ctx = ctx;
        this.hooks = new ExitHooks(ctx, this);
        this.steps = new StepsExecutor(ctx, this);
        this.dag = new DagExecutor(ctx, this);
    }

    Exec execute(String nodeName, Call call, Arguments args, Opts opts) {
        return execute(nodeName, call, args, opts, false);
    }

    Exec execute(String nodeName, Call call, Arguments args, Opts opts, boolean force) {
        RunState st = ctx.state;
        NodeStatus node = st.byName(nodeName).orElse(null);
        if (node != null) {
            st.setOwner(node.id(), opts.ownerId());
            if (node.isDone()) {
                return Exec.of(node);
            }
            if (!force && st.wasVisited(node.id()) && !st.isDirty(node.id())) {
                return Exec.of(node);
            }
        }
        String id = st.nodeId(nodeName);
        st.markVisited(id);
        st.clearDirty(id);
        ctx.stackDepth++;
        try {
            return executeUncached(nodeName, node, call, args, opts);
        } catch (ReconcileException e) {
            return new Exec(ctx.state.byName(nodeName).orElse(null), e);
        } finally {
            ctx.stackDepth--;
        }
    }

    private Exec executeUncached(String nodeName, NodeStatus node, Call call, Arguments args, Opts opts) {
        RunState st = ctx.state;
        if (ctx.stackDepth >= MAX_STACK_DEPTH) {
            ReconcileException e = new ReconcileException(ReconcileException.Kind.MAX_DEPTH,
                    "Maximum recursion depth exceeded. See "
                            + "https://argo-workflows.readthedocs.io/en/latest/scaling/#maximum-recursion-depth");
            return new Exec(Nodes.initOrMarkError(ctx, nodeName, call, opts, e.getMessage()), e);
        }
        String id = st.nodeId(nodeName);
        Template processed = ctx.processed.get(id);
        if (processed == null) {
            try {
                TemplateResolution.Resolved found = TemplateProcessor.resolve(ctx, call);
                Template resolved = found.template();
                ctx.bases.put(id, found.base());
                Map<String, String> locals = new HashMap<>();
                if (resolved.kind().isPod() && retryStrategy(resolved).isEmpty()) {
                    locals.put("pod.name", dev.skiff.engine.model.PodNames.podName(ctx.wfName, nodeName, resolved.name()));
                }
                if (!call.taskName().isEmpty()) {
                    locals.put("tasks.name", call.taskName());
                }
                if (!call.stepName().isEmpty()) {
                    locals.put("steps.name", call.stepName());
                }
                locals.put("node.name", nodeName);
                processed = TemplateProcessor.process(ctx, resolved, args, locals);
            } catch (ReconcileException e) {
                return new Exec(Nodes.initOrMarkError(ctx, nodeName, call, opts, e.getMessage()), e);
            }
            ctx.processed.put(id, processed);
        }
        if (node != null) {
            Exec timedOut = checkTimeout(node, processed);
            if (timedOut != null) {
                return timedOut;
            }
        }
        try {
            checkParallelism(processed, node, opts);
        } catch (ReconcileException e) {
            if (e.is(ReconcileException.Kind.PARALLELISM)) {
                ctx.blockedOnParallelism.add(node != null ? node.id() : opts.ownerId());
            }
            return new Exec(node, e);
        }
        Optional<RetryStrategy> retry = retryStrategy(processed);
        if (retry.isEmpty()) {
            return run(nodeName, node, call, processed, opts);
        }
        return runWithRetries(nodeName, node, call, args, processed, retry.get(), opts);
    }

    private Exec runWithRetries(String retryName, NodeStatus retryNode, Call call, Arguments args, Template processed,
                                RetryStrategy strategy, Opts opts) {
        RunState st = ctx.state;
        Optional<NodeFlag> flag = opts.nodeFlag();
        if (retryNode == null) {
            retryNode = Nodes.initExecutable(ctx, retryName, NodeType.RETRY, call, processed, opts,
                    NodePhase.RUNNING, "");
            if (flag.isPresent()) {
                // Argo shares the flag pointer between the Retry node and its attempts, so both are marked retried.
                retryNode = retryNode.withNodeFlag(Optional.of(new NodeFlag(flag.get().hooked(), true)));
                st.put(retryNode);
            }
        }
        Opts attemptOpts = opts.withFlag(Optional.of(new NodeFlag(flag.map(NodeFlag::hooked).orElse(false), true)))
                .withOwner(retryNode.id());
        Retries.Verdict verdict;
        try {
            verdict = Retries.process(ctx, retryNode, strategy);
        } catch (ReconcileException e) {
            return new Exec(st.markError(retryName, e.getMessage()), e);
        }
        if (!verdict.proceed()) {
            return Exec.of(verdict.node());
        }
        retryNode = verdict.node();
        attemptOpts = attemptOpts.withDeadline(verdict.executionDeadline().or(opts::executionDeadline));
        List<NodeStatus> attempts = Retries.attempts(st, retryNode);
        NodeStatus last = attempts.isEmpty() ? null : attempts.getLast();
        if (retryNode.isDone() && childrenDone(retryNode)) {
            if (last != null) {
                retryNode = retryNode.withOutputs(last.outputs());
                st.put(retryNode);
            }
            return Exec.of(retryNode);
        }
        String attemptName;
        NodeStatus attempt;
        int retryNum;
        if (last != null && !last.isDone()) {
            attemptName = last.name();
            attempt = last;
            retryNum = attempts.size() - 1;
        } else {
            retryNum = attempts.size();
            attemptName = retryName + "(" + retryNum + ")";
            st.addChild(retryName, attemptName);
            attempt = null;
        }
        String attemptId = st.nodeId(attemptName);
        Template attemptTemplate = ctx.processed.get(attemptId);
        if (attemptTemplate == null) {
            Map<String, String> locals = new HashMap<>();
            if (processed.kind().isPod()) {
                locals.put("pod.name", dev.skiff.engine.model.PodNames.podName(ctx.wfName, attemptName, processed.name()));
            }
            locals.put("retries", String.valueOf(retryNum));
            locals.put("lastRetry.exitCode", last == null ? "0" : last.outputs().flatMap(o -> o.exitCode()).orElse("0"));
            locals.put("lastRetry.duration", last == null ? "0" : Retries.durationSeconds(last));
            locals.put("lastRetry.status", last == null ? "" : last.phase().argoName());
            locals.put("lastRetry.message", last == null ? "" : last.message());
            try {
                attemptTemplate = TemplateProcessor.substitute(ctx, processed.raw(), locals);
            } catch (ReconcileException e) {
                return new Exec(Nodes.initOrMarkError(ctx, attemptName, call, attemptOpts, e.getMessage()), e);
            }
            ctx.processed.put(attemptId, attemptTemplate);
            ctx.bases.put(attemptId, ctx.baseOf(retryNode.id()));
        }
        if (attempt != null) {
            // An attempt from the saved status (a rebuilt reconciler) needs its owner for dirty tracking too.
            st.setOwner(attempt.id(), attemptOpts.ownerId());
            st.markVisited(attempt.id());
            st.clearDirty(attempt.id());
        }
        Exec result = run(attemptName, attempt, call, attemptTemplate, attemptOpts, strategy);
        if (result.failed()) {
            return result;
        }
        NodeStatus attemptNow = st.byName(attemptName).orElse(null);
        NodeStatus retryNow = st.getByName(retryName);
        if (!retryNow.isDone() && attemptNow != null && attemptNow.isDone()) {
            Exec again = execute(retryName, call, args, opts, true);
            if (again.failed()) {
                return new Exec(st.markError(attemptName, again.error().getMessage()), again.error());
            }
            retryNow = again.node();
        }
        return Exec.of(retryNow);
    }

    private Exec run(String nodeName, NodeStatus node, Call call, Template tmpl, Opts opts) {
        return run(nodeName, node, call, tmpl, opts, null);
    }

    /** Dispatches on the template's kind; errors fail the node unless a retry may still recover it. */
    private Exec run(String nodeName, NodeStatus node, Call call, Template tmpl, Opts opts, RetryStrategy retry) {
        Exec result;
        try {
            result = switch (tmpl.kind()) {
                case CONTAINER, SCRIPT, RESOURCE, DATA -> Exec.of(PodNodes.execute(ctx, nodeName, tmpl, call, opts));
                case STEPS, DAG -> {
                    Exec scope = tmpl.kind() == TemplateKind.STEPS ? steps.execute(nodeName, tmpl, call, opts)
                            : dag.execute(nodeName, tmpl, call, opts);
                    // Argo's deferred killDaemonedChildren in executeSteps / executeDAG.
                    ctx.state.byName(nodeName).filter(NodeStatus::isDone)
                            .ifPresent(n -> DaemonNodes.killChildren(ctx, n.id()));
                    yield scope;
                }
                case SUSPEND -> Exec.of(SuspendNodes.execute(ctx, nodeName, tmpl, call, opts));
                default -> unsupported(nodeName, call, tmpl, opts);
            };
        } catch (ReconcileException e) {
            result = new Exec(ctx.state.byName(nodeName).orElse(null), e);
        }
        if (result.failed()) {
            if (ctx.state.byName(nodeName).isEmpty()) {
                Nodes.initOrMarkError(ctx, nodeName, call, opts, result.error().getMessage());
            }
            NodeStatus errored = ctx.state.markError(nodeName, result.error().getMessage());
            String policy = retry == null ? "" : retry.effectivePolicy();
            if (retry == null || !(policy.equals("Always") || policy.equals("OnError")
                    || policy.equals("OnTransientError"))) {
                return new Exec(errored, result.error());
            }
        }
        return Exec.of(ctx.state.getByName(nodeName));
    }

    private Exec unsupported(String nodeName, Call call, Template tmpl, Opts opts) {
        String message = tmpl.kind().field() + " templates are not supported by Skiff yet (template "
                + tmpl.name() + ")";
        NodeType type = tmpl.kind().isPod() ? NodeType.POD : NodeType.SKIPPED;
        ReconcileException e = new ReconcileException(message);
        if (ctx.state.byName(nodeName).isEmpty()) {
            Nodes.initExecutable(ctx, nodeName, type, call, tmpl, opts, NodePhase.ERROR, message);
        }
        return new Exec(ctx.state.getByName(nodeName), e);
    }

    /** Argo's checkTemplateTimeouts for a node that exists: a pending node past its timeout fails. */
    private Exec checkTimeout(NodeStatus node, Template tmpl) {
        if (tmpl.timeout().isEmpty() || node.startedAt().isEmpty()) {
            return null;
        }
        Instant deadline;
        try {
            deadline = node.startedAt().get().plus(GoDuration.parseArgoOrFail(tmpl.timeout()));
        } catch (ReconcileException e) {
            return new Exec(ctx.state.markError(node.name(), "invalid timeout format " + e.getMessage()), e);
        }
        if (node.phase() == NodePhase.PENDING && ctx.now().isAfter(deadline)) {
            ReconcileException e = new ReconcileException(ReconcileException.Kind.TIMEOUT, "timeout");
            return new Exec(ctx.state.markPhase(node.name(), NodePhase.FAILED, "timeout"), e);
        }
        ctx.wakeAt(deadline.plusSeconds(1), node.id());
        return null;
    }

    /** Argo's checkParallelism, including the failFast of steps and DAG templates. */
    private void checkParallelism(Template tmpl, NodeStatus node, Opts opts) {
        RunState st = ctx.state;
        if (ctx.spec.parallelism().isPresent() && st.activePods() >= ctx.spec.parallelism().get()) {
            throw new ReconcileException(ReconcileException.Kind.PARALLELISM, "Max parallelism reached");
        }
        boolean composite = tmpl.kind() == TemplateKind.DAG || tmpl.kind() == TemplateKind.STEPS;
        if (node != null && composite) {
            failFast(tmpl, node);
            if (tmpl.parallelism().orElse(0L) > 0 && st.activePods(node.id()) >= tmpl.parallelism().get()) {
                throw new ReconcileException(ReconcileException.Kind.PARALLELISM, "Max parallelism reached");
            }
        }
        String boundaryId = opts.boundaryId();
        if (!boundaryId.isEmpty() && (node == null || node.isDone())) {
            NodeStatus boundary = st.byId(boundaryId);
            Template boundaryTemplate = ctx.processed.get(boundaryId);
            if (boundary == null || boundaryTemplate == null) {
                return;
            }
            failFast(boundaryTemplate, boundary);
            if (boundaryTemplate.parallelism().orElse(0L) > 0
                    && st.activeChildren(boundaryId) >= boundaryTemplate.parallelism().get()) {
                throw new ReconcileException(ReconcileException.Kind.PARALLELISM, "Max parallelism reached");
            }
        }
    }

    private void failFast(Template tmpl, NodeStatus node) {
        RunState st = ctx.state;
        if (tmpl.failFast().orElse(false) && st.unsuccessfulChildren(node.id()) > 0) {
            if (st.activePods(node.id()) == 0) {
                String message = "template has failed or errored children and failFast enabled";
                if (tmpl.kind() == TemplateKind.STEPS) {
                    lastStepGroup(node).ifPresent(sg -> st.markPhase(sg.name(), NodePhase.FAILED, message));
                }
                st.markPhase(node.name(), NodePhase.FAILED, message);
            }
            throw new ReconcileException(ReconcileException.Kind.PARALLELISM, "Max parallelism reached");
        }
    }

    /** Argo's findLeafNodeWithType(StepGroup): the last step group reached from the node. */
    private Optional<NodeStatus> lastStepGroup(NodeStatus node) {
        NodeStatus found = null;
        java.util.ArrayDeque<String> stack = new java.util.ArrayDeque<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        stack.push(node.id());
        while (!stack.isEmpty()) {
            NodeStatus n = ctx.state.byId(stack.pop());
            if (n == null || !seen.add(n.id())) {
                continue;
            }
            if (n.type() == NodeType.STEP_GROUP) {
                found = n;
            }
            for (int i = n.children().size() - 1; i >= 0; i--) {
                stack.push(n.children().get(i));
            }
        }
        return Optional.ofNullable(found);
    }

    Optional<RetryStrategy> retryStrategy(Template tmpl) {
        return tmpl.retryStrategy().or(() -> ctx.spec.retryStrategy());
    }

    /** Argo's childrenFulfilled: every node below is done. */
    boolean childrenDone(NodeStatus node) {
        java.util.ArrayDeque<String> stack = new java.util.ArrayDeque<>(node.children());
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (!stack.isEmpty()) {
            NodeStatus n = ctx.state.byId(stack.pop());
            if (n == null || !seen.add(n.id())) {
                continue;
            }
            if (!n.isFulfilled()) {
                return false;
            }
            stack.addAll(n.children());
        }
        return true;
    }
}
