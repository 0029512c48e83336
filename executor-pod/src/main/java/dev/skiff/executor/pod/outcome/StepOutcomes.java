package dev.skiff.executor.pod.outcome;

import dev.skiff.spi.executor.ArtifactOutcome;
import dev.skiff.spi.executor.StepOutcome;
import dev.skiff.spi.executor.StepPhase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The step's outcome from its pod and task result, as Argo's assessNodeStatus and task-result handling decide
 * (operator.go, taskresult.go, v4.1.2). A pod that ended counts as done only once its task result is complete
 * (the wait container labels it {@code report-outputs-completed=true}), or when it never will be: the wait
 * container exited non-zero, the pod was evicted with its containers gone, or (Skiff, where Argo would wait on)
 * the pod failed before its wait container started. Until then the step is reported running.
 */
public final class StepOutcomes {

    /** Argo's message for a pod node whose pod disappeared before the node was done. */
    public static final String POD_DELETED = "pod deleted";

    private StepOutcomes() {
    }

    public static StepOutcome assess(PodView pod, Optional<TaskResultView> result, StepShape shape,
                                     Optional<String> stopReason) {
        StepPhase phase;
        String message = "";
        switch (pod.phase()) {
            case "", "Pending" -> {
                phase = StepPhase.PENDING;
                message = pendingReason(pod);
            }
            case "Running" -> phase = shape.daemon() && !pod.containers().stream().allMatch(ContainerView::ready)
                    ? StepPhase.PENDING : StepPhase.RUNNING;
            case "Succeeded" -> phase = shape.daemon() ? StepPhase.FAILED : StepPhase.SUCCEEDED;
            case "Failed" -> {
                FailedPodReason.Reason reason = FailedPodReason.of(pod);
                phase = reason.phase();
                message = reason.message();
            }
            default -> {
                phase = StepPhase.ERROR;
                message = "Unexpected pod phase for " + pod.name() + ": " + pod.phase();
            }
        }
        Optional<Instant> startedAt = pod.container("main").flatMap(ContainerView::startedAt);
        if (stopReason.isPresent() && phase.isDone()) {
            return new StepOutcome(StepPhase.FAILED, exitCode(pod), Optional.empty(), Map.of(), stopReason.get(),
                    startedAt, finishedAt(pod));
        }
        if (!phase.isDone()) {
            // Argo records the pod's IP of a daemon once it is running and ready ({{steps.X.ip}}).
            Optional<String> ip = shape.daemon() && phase == StepPhase.RUNNING && !pod.podIp().isEmpty()
                    ? Optional.of(pod.podIp()) : Optional.empty();
            return new StepOutcome(phase, OptionalInt.empty(), Optional.empty(), Map.of(), message, startedAt,
                    Optional.empty()).withPodIp(ip);
        }
        if (!resultSettled(pod, result)) {
            return new StepOutcome(StepPhase.RUNNING, OptionalInt.empty(), Optional.empty(), Map.of(), "", startedAt,
                    Optional.empty());
        }
        Map<String, String> parameters = result.map(TaskResultView::parameters).orElse(Map.of());
        Optional<String> stdout = result.flatMap(TaskResultView::result);
        List<ArtifactOutcome> artifacts = new ArrayList<>();
        for (String name : shape.outputArtifacts()) {
            boolean saved = result.map(r -> r.artifacts().contains(name)).orElse(false);
            artifacts.add(saved ? ArtifactOutcome.done(name) : ArtifactOutcome.notFound(name));
        }
        return new StepOutcome(phase, exitCode(pod), stdout, parameters, message, startedAt, finishedAt(pod),
                List.of(), artifacts);
    }

    /** The outcome of a step whose pod disappeared before it was done (Argo marks the node Error). */
    public static StepOutcome podDeleted(Instant at) {
        return StepOutcome.error(POD_DELETED, at);
    }

    /**
     * Whether the task result can no longer change: complete, or never to be completed (Argo marks it complete
     * when the wait container exited non-zero, or the pod was evicted and its containers are gone).
     */
    static boolean resultSettled(PodView pod, Optional<TaskResultView> result) {
        if (!"Succeeded".equals(pod.phase()) && !"Failed".equals(pod.phase())) {
            // a pod in a phase Argo does not expect is an error at once; nothing will report for it
            return true;
        }
        if (result.map(TaskResultView::complete).orElse(false)) {
            return true;
        }
        Optional<ContainerView> wait = pod.container("wait");
        if (wait.filter(w -> w.state() == ContainerView.State.TERMINATED && w.exitCode() != 0).isPresent()) {
            return true;
        }
        if ("Failed".equals(pod.phase()) && "Evicted".equals(pod.reason()) && wait.isEmpty()) {
            return true;
        }
        // Skiff: a failed pod whose wait container never started cannot report any more
        return "Failed".equals(pod.phase()) && wait.map(w -> w.state() == ContainerView.State.WAITING
                || w.state() == ContainerView.State.NONE).orElse(true);
    }

    /** Argo's getPendingReason: the first waiting container's reason (and message), else Unschedulable. */
    static String pendingReason(PodView pod) {
        for (ContainerView c : pod.containers()) {
            if (c.state() == ContainerView.State.WAITING) {
                return c.message().isEmpty() ? c.reason() : c.reason() + ": " + c.message();
            }
        }
        return pod.unschedulable().orElse("");
    }

    private static OptionalInt exitCode(PodView pod) {
        return pod.container("main").filter(c -> c.state() == ContainerView.State.TERMINATED)
                .map(c -> OptionalInt.of(c.exitCode())).orElse(OptionalInt.empty());
    }

    /** Argo's getLatestFinishedAt: the last container to terminate; unknown while one still runs. */
    private static Optional<Instant> finishedAt(PodView pod) {
        Instant latest = null;
        List<ContainerView> all = new ArrayList<>(pod.initContainers());
        all.addAll(pod.containers());
        for (ContainerView c : all) {
            if (c.state() == ContainerView.State.RUNNING) {
                return Optional.empty();
            }
            if (c.finishedAt().isPresent() && (latest == null || c.finishedAt().get().isAfter(latest))) {
                latest = c.finishedAt().get();
            }
        }
        return Optional.ofNullable(latest);
    }
}
