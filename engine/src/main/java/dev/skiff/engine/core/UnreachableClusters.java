package dev.skiff.engine.core;

import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.core.Observation.Reachability;
import dev.skiff.spi.executor.StepOutcome;
import dev.skiff.spi.executor.StepRef;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a cluster that does not answer means for the pod nodes placed there: while it is unreachable their phase
 * stays (Pending or Running: the pod may well run on, nobody can tell) and their message says since when and why;
 * once it answers again the message goes; once it has been unreachable for longer than the timeout its nodes end
 * {@code Error} (Argo's phase for what went wrong around a step rather than in it, such as {@code pod deleted}) with a
 * message naming the cluster and the timeout, and the workflow goes on as after any failed node (retries apply; the
 * timeout of a node that came to the cluster after the outage began counts from its start).
 */
final class UnreachableClusters {

    private static final Pattern OURS = Pattern.compile("^cluster \\S+ unreachable since \\S+: .*", Pattern.DOTALL);
    private static final int MAX_CAUSE = 300;

    private UnreachableClusters() {
    }

    /** The message of a node in a cluster that has not answered since {@code outage.since()}. */
    static String unreachableMessage(ClusterOutage outage) {
        return "cluster " + outage.cluster() + " unreachable since " + outage.since().truncatedTo(ChronoUnit.SECONDS)
                + ": " + shortCause(outage.cause());
    }

    /** The message of a node failed because its cluster did not answer for longer than {@code timeout}. */
    static String timedOutMessage(ClusterOutage outage, Duration timeout) {
        return "cluster " + outage.cluster() + " unreachable for longer than clusterUnreachableTimeout "
                + GoDuration.format(timeout) + " (since " + outage.since().truncatedTo(ChronoUnit.SECONDS) + "): "
                + shortCause(outage.cause());
    }

    /**
     * Applies what is known of the clusters to the active pod nodes this reconciler follows; true when it ended one
     * (the workflow then needs another pass to move on).
     */
    static boolean apply(Ctx ctx, Reachability reachability) {
        Instant now = ctx.now();
        List<Map.Entry<String, StepRef>> active = new ArrayList<>(ctx.attached.entrySet());
        active.sort(Map.Entry.comparingByKey());
        boolean ended = false;
        for (Map.Entry<String, StepRef> e : active) {
            NodeStatus node = ctx.state.byId(e.getKey());
            if (node == null || node.type() != NodeType.POD || node.isDone()) {
                continue;
            }
            ClusterOutage outage = reachability.unreachable().get(e.getValue().target().cluster());
            if (outage == null) {
                if (node.message().startsWith("cluster ") && OURS.matcher(node.message()).matches()) {
                    ctx.state.put(node.withMessage(""));
                    ctx.state.markDirty(node.id());
                }
                continue;
            }
            // Counted from when the node got there if that was later (a retry placed in a cluster that is down gets a
            // whole timeout of its own).
            Instant from = node.startedAt().filter(t -> t.isAfter(outage.since())).orElse(outage.since());
            Instant deadline = from.plus(reachability.timeout());
            if (!now.isBefore(deadline)) {
                ended |= PodNodes.observe(ctx, node.id(), StepOutcome.error(timedOutMessage(outage,
                        reachability.timeout()), now));
                continue;
            }
            String message = unreachableMessage(outage);
            if (!node.message().equals(message)) {
                ctx.state.put(node.withMessage(message));
                ctx.state.markDirty(node.id());
            }
            ctx.wakeAt(deadline, node.id());
        }
        return ended;
    }

    /** One line, cut short: the cause goes into the status. */
    private static String shortCause(String cause) {
        String line = cause.replaceAll("[\\r\\n\\t]+", " ").strip();
        return line.length() > MAX_CAUSE ? line.substring(0, MAX_CAUSE) + "..." : line;
    }
}
