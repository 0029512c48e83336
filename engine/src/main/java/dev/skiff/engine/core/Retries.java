package dev.skiff.engine.core;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.RetryStrategy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Argo's processNodeRetries: decides, after an attempt ended, whether a Retry node tries again. */
final class Retries {

    /**
     * What to do with a Retry node.
     *
     * @param node              the Retry node afterwards
     * @param proceed           whether executeTemplate goes on (false while waiting for a back-off)
     * @param executionDeadline deadline of the next attempt from {@code backoff.maxDuration}
     */
    record Verdict(NodeStatus node, boolean proceed, Optional<Instant> executionDeadline) {
    }

    private Retries() {
    }

    /** Attempts of a Retry node: its children flagged as retried, in order. */
    static List<NodeStatus> attempts(RunState state, NodeStatus retryNode) {
        List<NodeStatus> out = new ArrayList<>();
        for (String id : retryNode.children()) {
            NodeStatus child = state.byId(id);
            if (child != null && child.isRetried()) {
                out.add(child);
            }
        }
        return out;
    }

    /** Argo's possiblyGetRetryChildNode: the last non-hook child of a Retry node. */
    static Optional<NodeStatus> lastChild(RunState state, NodeStatus node) {
        if (node.type() != dev.skiff.engine.model.NodeType.RETRY) {
            return Optional.empty();
        }
        for (int i = node.children().size() - 1; i >= 0; i--) {
            NodeStatus child = state.byId(node.children().get(i));
            if (child != null && !child.isHooked()) {
                return Optional.of(child);
            }
        }
        return Optional.empty();
    }

    static Verdict process(Ctx ctx, NodeStatus node, RetryStrategy strategy) {
        RunState st = ctx.state;
        if (node.isDone()) {
            return new Verdict(node, true, Optional.empty());
        }
        List<NodeStatus> attempts = attempts(st, node);
        if (attempts.isEmpty()) {
            return new Verdict(node, true, Optional.empty());
        }
        NodeStatus last = attempts.getLast();
        if (!last.isDone()) {
            return new Verdict(node, true, Optional.empty());
        }
        if (!last.phase().isFailedOrError()) {
            st.put(node.withOutputs(last.outputs()));
            return new Verdict(st.markPhase(node.name(), NodePhase.SUCCEEDED), true, Optional.empty());
        }
        if (ctx.stopping()) {
            return done(st, node, last.phase(), ctx.shutdown.get().strategyMessage());
        }
        if (ctx.workflowDeadline.isPresent() && ctx.now().isAfter(ctx.workflowDeadline.get())) {
            return done(st, node, last.phase(), "retry exceeded workflow deadline " + goTime(ctx.workflowDeadline.get()));
        }
        Optional<Instant> executionDeadline = Optional.empty();
        if (strategy.backoff().isPresent()) {
            var backoff = strategy.backoff().get();
            Instant maxDurationDeadline = null;
            if (!backoff.maxDuration().isEmpty()) {
                Duration max = GoDuration.parseArgoOrFail(backoff.maxDuration());
                maxDurationDeadline = attempts.getFirst().startedAt().orElse(ctx.now()).plus(max);
                if (ctx.now().isAfter(maxDurationDeadline)) {
                    return done(st, node, last.phase(), "Max duration limit exceeded");
                }
            }
            if (backoff.duration().isEmpty()) {
                throw new ReconcileException("no base duration specified for retryStrategy");
            }
            Duration wait = GoDuration.parseArgoOrFail(backoff.duration());
            Optional<Integer> factor = backoff.factor().map(f -> intOrString(f, "factor"));
            if (factor.isPresent() && factor.get() > 0) {
                BigDecimal scaled = BigDecimal.valueOf(wait.toNanos())
                        .multiply(BigDecimal.valueOf(factor.get()).pow(attempts.size() - 1));
                wait = scaled.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 ? Duration.ofNanos(Long.MAX_VALUE)
                        : Duration.ofNanos(scaled.setScale(0, RoundingMode.DOWN).longValueExact());
            }
            if (!backoff.cap().isEmpty()) {
                Duration cap = GoDuration.parseArgoOrFail(backoff.cap());
                if (wait.compareTo(cap) > 0) {
                    wait = cap;
                }
            }
            Instant waitUntil = last.finishedAt().orElse(ctx.now()).plus(wait);
            if (maxDurationDeadline != null && waitUntil.isAfter(maxDurationDeadline)) {
                return done(st, node, last.phase(), "Backoff would exceed max duration limit");
            }
            Optional<Long> limit = strategy.limit().map(l -> (long) intOrString(l, "limit"));
            if (ctx.now().isBefore(waitUntil) && limit.isPresent() && attempts.size() <= limit.get()) {
                ctx.wakeAt(waitUntil, node.id());
                NodeStatus waiting = st.markPhase(node.name(), node.phase(), "Backoff for " + GoDuration.humanize(wait));
                return new Verdict(waiting, false, Optional.empty());
            }
            executionDeadline = Optional.ofNullable(maxDurationDeadline);
            node = st.markPhase(node.name(), node.phase(), "");
        }
        boolean retryOnFailed;
        boolean retryOnError;
        switch (strategy.effectivePolicy()) {
            case "Always" -> {
                retryOnFailed = true;
                retryOnError = true;
            }
            case "OnError" -> {
                retryOnFailed = false;
                retryOnError = true;
            }
            case "OnTransientError" -> {
                boolean transientError = TransientErrors.isTransient(last.message());
                retryOnFailed = transientError;
                retryOnError = transientError;
            }
            case "OnFailure" -> {
                retryOnFailed = true;
                retryOnError = false;
            }
            default -> throw new ReconcileException(strategy.effectivePolicy() + " is not a valid RetryPolicy");
        }
        if ((last.phase() == NodePhase.FAILED && !retryOnFailed) || (last.phase() == NodePhase.ERROR && !retryOnError)) {
            return done(st, node, last.phase(), last.message());
        }
        if (strategy.limit().isPresent() && attempts.size() > intOrString(strategy.limit().get(), "limit")) {
            return done(st, node, last.phase(), "No more retries left");
        }
        if (!strategy.expression().isEmpty()) {
            boolean again = Tags.evalBool(strategy.expression(), expressionScope(attempts, last));
            if (!again) {
                return done(st, node, last.phase(), "retryStrategy.expression evaluated to false");
            }
        }
        return new Verdict(node, true, executionDeadline);
    }

    private static Verdict done(RunState st, NodeStatus node, NodePhase phase, String message) {
        return new Verdict(st.markPhase(node.name(), phase, message), true, Optional.empty());
    }

    /** Argo's buildRetryStrategyLocalScope. */
    static Map<String, Object> expressionScope(List<NodeStatus> attempts, NodeStatus last) {
        Map<String, Object> scope = new HashMap<>();
        scope.put("retries", String.valueOf(attempts.size() - 1));
        scope.put("lastRetry.exitCode", last.outputs().flatMap(o -> o.exitCode()).orElse("-1"));
        scope.put("lastRetry.status", last.phase().argoName());
        scope.put("lastRetry.duration", durationSeconds(last));
        scope.put("lastRetry.message", last.message());
        return scope;
    }

    /** Go's fmt.Sprint of a duration's seconds as float64. */
    static String durationSeconds(NodeStatus node) {
        if (node.startedAt().isEmpty()) {
            return "0";
        }
        Instant end = node.finishedAt().orElse(node.startedAt().get());
        Duration d = Duration.between(node.startedAt().get(), end);
        BigDecimal seconds = BigDecimal.valueOf(d.toNanos(), 9).stripTrailingZeros();
        return seconds.scale() <= 0 ? seconds.toBigInteger().toString() : seconds.toPlainString();
    }

    /** Kubernetes' intstr: an integer, or a string holding one. */
    static int intOrString(String value, String field) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ReconcileException("invalid value for IntOrString " + field + ": " + value);
        }
    }

    /** Go's time.Time.String() for a UTC instant: {@code 2006-01-02 15:04:05 +0000 UTC}. */
    static String goTime(Instant at) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .withZone(java.time.ZoneOffset.UTC).format(at) + " +0000 UTC";
    }
}
