package dev.skiff.executor.pod.outcome;

import dev.skiff.spi.executor.StepPhase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Argo's inferFailedReason (operator.go, v4.1.2): the phase and message of a pod that failed. The pod's own
 * message wins; else the first container that did not succeed, init containers first, then main, wait, and
 * the others (sidecars killed with 137 or 143 are forgiven).
 */
final class FailedPodReason {

    record Reason(StepPhase phase, String message) {
    }

    private FailedPodReason() {
    }

    static Reason of(PodView pod) {
        if (!pod.message().isEmpty()) {
            return new Reason(StepPhase.FAILED, pod.message());
        }
        List<ContainerView> ordered = new ArrayList<>(pod.initContainers());
        List<ContainerView> containers = new ArrayList<>(pod.containers());
        containers.sort(Comparator.comparingInt(c -> order(c.name())));
        ordered.addAll(containers);
        if (ordered.isEmpty()) {
            return new Reason(StepPhase.FAILED, "can't find failed message for pod " + pod.name() + " namespace "
                    + pod.namespace());
        }
        boolean mainSucceeded = false;
        boolean waitSucceeded = false;
        for (ContainerView c : ordered) {
            if (c.state() == ContainerView.State.WAITING) {
                return new Reason(StepPhase.ERROR, "Pod failed before " + c.name() + " container starts due to "
                        + c.reason() + ": " + c.message());
            }
            if (c.state() != ContainerView.State.TERMINATED) {
                continue;
            }
            if (c.exitCode() == 0) {
                if (c.name().equals("main")) {
                    mainSucceeded = true;
                } else if (c.name().equals("wait")) {
                    waitSucceeded = true;
                }
                continue;
            }
            String msg = c.reason() + " (exit code " + c.exitCode() + ")";
            if (!c.message().isEmpty()) {
                msg = msg + ": " + c.message();
            }
            msg = c.name() + ": " + msg;
            switch (c.name()) {
                case "init", "wait" -> {
                    return new Reason(StepPhase.ERROR, msg);
                }
                case "main" -> {
                    return new Reason(StepPhase.FAILED, msg);
                }
                default -> {
                    if (c.exitCode() != 137 && c.exitCode() != 143) {
                        return new Reason(StepPhase.FAILED, msg);
                    }
                }
            }
        }
        if (mainSucceeded) {
            return waitSucceeded ? new Reason(StepPhase.SUCCEEDED, "")
                    : new Reason(StepPhase.FAILED, "pod failed: wait container did not complete successfully");
        }
        if (waitSucceeded) {
            return new Reason(StepPhase.FAILED, "pod failed: main container did not complete successfully");
        }
        return new Reason(StepPhase.FAILED, "pod failed: neither main nor wait container completed successfully");
    }

    private static int order(String name) {
        return switch (name) {
            case "main" -> 1;
            case "wait" -> 2;
            default -> 3;
        };
    }
}
