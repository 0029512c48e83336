package dev.skiff.executor.pod;

import dev.skiff.executor.pod.json.JsonTree;
import dev.skiff.executor.pod.outcome.PodView;
import dev.skiff.executor.pod.outcome.StepOutcomes;
import dev.skiff.executor.pod.outcome.StepShape;
import dev.skiff.executor.pod.outcome.TaskResultView;
import dev.skiff.spi.executor.StepListener;
import dev.skiff.spi.executor.StepOutcome;
import dev.skiff.spi.executor.StepPhase;
import dev.skiff.spi.executor.StepRef;
import dev.skiff.spi.executor.StepRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One step the executor follows: the last pod and task result seen, what was reported, and whether it is being
 * stopped or was handed back (settled, deleted). Reports go to the listener on every change, until done.
 * Thread-safe: every method holds the step's lock (listeners must be quick).
 */
final class TrackedStep {

    /** How far a stop has gone. */
    enum StopStage { NONE, REQUESTED, POD_DELETED, TERMINATED, KILLED }

    final StepRef ref;
    final StepRequest request;
    final boolean reattach;
    private final StepShape shape;
    private StepListener listener;
    private PodView pod;
    private TaskResultView result;
    private StepOutcome last;
    private boolean done;
    private boolean released;
    private String stopReason;
    private StopStage stopStage = StopStage.NONE;

    TrackedStep(StepRequest request, StepListener listener, boolean reattach) {
        this.ref = request.ref();
        this.request = request;
        this.listener = listener;
        this.reattach = reattach;
        this.shape = shape(request);
    }

    synchronized void replaceListener(StepListener newListener) {
        this.listener = newListener;
        if (last != null) {
            newListener.onChange(ref, last);
        }
    }

    synchronized Optional<StepOutcome> last() {
        return Optional.ofNullable(last);
    }

    synchronized Optional<PodView> pod() {
        return Optional.ofNullable(pod);
    }

    synchronized boolean finished() {
        return done || released;
    }

    synchronized boolean released() {
        return released;
    }

    synchronized void release() {
        released = true;
    }

    synchronized Optional<String> stopReason() {
        return Optional.ofNullable(stopReason);
    }

    /** Records a stop request; false when there is nothing to stop. */
    synchronized boolean requestStop(String reason) {
        if (done || released || stopReason != null) {
            return false;
        }
        stopReason = reason;
        stopStage = StopStage.REQUESTED;
        return true;
    }

    /** Moves the stop on to {@code next} if it is not there yet; true when the caller should act. */
    synchronized boolean advanceStop(StopStage next) {
        if (stopReason == null || stopStage.ordinal() >= next.ordinal()) {
            return false;
        }
        stopStage = next;
        return true;
    }

    synchronized void podSeen(PodView view) {
        if (pod != null && older(view.resourceVersion(), pod.resourceVersion())) {
            return;
        }
        pod = view;
        reassess();
    }

    synchronized void resultSeen(TaskResultView view) {
        if (result != null && older(view.resourceVersion(), result.resourceVersion())) {
            return;
        }
        result = view;
        reassess();
    }

    /**
     * Whether {@code candidate} is an older version than {@code current}: a queued informer event can arrive after
     * a look into the (newer) cache. Resource versions are etcd revisions; when either is not a number, the
     * candidate counts as newer.
     */
    static boolean older(String candidate, String current) {
        try {
            return Long.parseLong(candidate) < Long.parseLong(current);
        } catch (NumberFormatException notNumeric) {
            return false;
        }
    }

    /** The pod's last known state and result decide the outcome again. */
    synchronized void reassess() {
        if (pod != null) {
            report(StepOutcomes.assess(pod, Optional.ofNullable(result), shape, Optional.ofNullable(stopReason)));
        }
    }

    /** Reports only when nothing was reported yet, or the step is still pending (never going back). */
    synchronized void reportWhilePending(StepOutcome outcome) {
        if (last == null || last.phase() == StepPhase.PENDING) {
            report(outcome);
        }
    }

    synchronized void report(StepOutcome outcome) {
        if (done || released || outcome.equals(last)) {
            return;
        }
        last = outcome;
        done = outcome.phase().isDone();
        listener.onChange(ref, outcome);
    }

    /** The pod disappeared: recorded, so that a later assessment cannot use it. */
    synchronized void podGone() {
        pod = null;
    }

    synchronized boolean lastWasPending() {
        return last == null || last.phase() == StepPhase.PENDING;
    }

    private static StepShape shape(StepRequest request) {
        List<String> artifacts = new ArrayList<>();
        for (Object a : JsonTree.list(JsonTree.at(request.template(), "outputs", "artifacts"))) {
            artifacts.add(JsonTree.text(JsonTree.object(a).get("name")));
        }
        boolean daemon = JsonTree.bool(request.template().get("daemon")).orElse(false);
        return new StepShape(artifacts, daemon);
    }
}
