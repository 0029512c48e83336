package dev.skiff.engine.core;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.PodGc;
import dev.skiff.engine.model.WorkflowPhase;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What becomes of the pod of a finished step (Argo's {@code determinePodCleanupAction} in
 * {@code workflow/controller/pod/cleanup.go} and {@code getPodGCDelay} in {@code pod_cleanup.go}): it is labelled
 * completed (so that watches drop it), deleted after a delay, or left alone for now. Pure: the shell asks after
 * every status write that recorded a step's end, and again once the workflow ended.
 */
public final class PodGcPolicy {

    /** Argo's default {@code podGCDeleteDelayDuration} (controller config) when the workflow sets none. */
    public static final Duration DEFAULT_DELETE_DELAY = Duration.ofSeconds(5);

    /** What to do with the pod. */
    public enum Action {
        /** Nothing yet: asked again once the workflow ended. */
        NONE,
        /** Keep it, labelled {@code workflows.argoproj.io/completed=true}. */
        LABEL_COMPLETED,
        /** Delete it after {@link Verdict#delay()}. */
        DELETE
    }

    /**
     * The answer.
     *
     * @param action what to do
     * @param delay  for {@link Action#DELETE}: how long after now
     */
    public record Verdict(Action action, Duration delay) {
    }

    private PodGcPolicy() {
    }

    /**
     * The verdict for the pod of a step whose node ended in {@code nodePhase}, while the workflow is in
     * {@code workflowPhase}.
     *
     * @param podGc     the workflow's {@code spec.podGC}
     * @param podLabels the labels the pod carries (matched against {@code podGC.labelSelector})
     */
    public static Verdict decide(Optional<PodGc> podGc, Map<String, String> podLabels, WorkflowPhase workflowPhase,
                                 NodePhase nodePhase) {
        // Argo: no podGC selects nothing (labels.Nothing), a podGC without selector everything.
        boolean selected = podGc.map(gc -> gc.labelSelector().map(s -> s.matches(podLabels)).orElse(true))
                .orElse(false);
        String strategy = podGc.map(PodGc::strategy).orElse("");
        boolean podSucceeded = nodePhase == NodePhase.SUCCEEDED;
        Action action;
        if (!selected || strategy.isEmpty()) {
            action = Action.LABEL_COMPLETED;
        } else if (strategy.equals("OnWorkflowCompletion") && workflowPhase.isDone()
                || strategy.equals("OnWorkflowSuccess") && workflowPhase == WorkflowPhase.SUCCEEDED
                || strategy.equals("OnPodCompletion")
                || strategy.equals("OnPodSuccess") && podSucceeded) {
            action = Action.DELETE;
        } else if (strategy.equals("OnPodSuccess") || workflowPhase.isDone()) {
            action = Action.LABEL_COMPLETED;
        } else {
            action = Action.NONE;
        }
        return new Verdict(action, action == Action.DELETE ? deleteDelay(podGc.get()) : Duration.ZERO);
    }

    /** {@code deleteDelayDuration} when it parses and is not negative, else Argo's default (getPodGCDelay). */
    public static Duration deleteDelay(PodGc podGc) {
        if (podGc.deleteDelayDuration().isEmpty()) {
            return DEFAULT_DELETE_DELAY;
        }
        return GoDuration.parseArgo(podGc.deleteDelayDuration()).filter(d -> !d.isNegative())
                .orElse(DEFAULT_DELETE_DELAY);
    }
}
