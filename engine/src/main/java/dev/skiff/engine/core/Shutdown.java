package dev.skiff.engine.core;

import java.util.Optional;

/**
 * Argo's workflow shutdown ({@code spec.shutdown}, {@code ShutdownStrategy} in {@code workflow_types.go}): with
 * {@code Stop} running steps are stopped and no new ones start, but exit handlers still run; with
 * {@code Terminate} exit handlers are stopped or never started too. {@code skiff run}'s Ctrl-C is a {@code Stop}
 * that carries its own reason, which then replaces Argo's messages.
 *
 * @param strategy {@code Stop} or {@code Terminate}
 * @param reason   the message to use instead of Argo's, for a stop asked for by a person at a terminal
 */
record Shutdown(Strategy strategy, Optional<String> reason) {

    /** Argo's ShutdownStrategy values. */
    enum Strategy {
        STOP("Stop"), TERMINATE("Terminate");

        private final String argoName;

        Strategy(String argoName) {
            this.argoName = argoName;
        }

        String argoName() {
            return argoName;
        }

        /** The strategy spelled as in {@code spec.shutdown}; empty for "" and anything Argo does not know. */
        static Optional<Strategy> fromArgoName(String name) {
            for (Strategy s : values()) {
                if (s.argoName.equals(name)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    static Shutdown of(Strategy strategy) {
        return new Shutdown(strategy, Optional.empty());
    }

    static Shutdown stop(String reason) {
        return new Shutdown(Strategy.STOP, Optional.of(reason));
    }

    /** Argo's ShouldExecute: whether a step that is (part of) an exit handler, or not, may still run. */
    boolean shouldExecute(boolean partOfExitHandler) {
        return strategy == Strategy.STOP && partOfExitHandler;
    }

    /** A running pod stopped by the shutdown (Argo's applyExecutionControl; two spaces, as Argo writes it). */
    String runningPodMessage() {
        return reason.orElse("workflow shutdown with strategy:  " + strategy.argoName());
    }

    /** A pod that is not created because of the shutdown (Argo's createWorkflowPod guard). */
    String newPodMessage() {
        return reason.orElse("workflow shutdown with strategy: " + strategy.argoName());
    }

    /** The workflow, suspend nodes and retries that end because of the shutdown. */
    String stoppedMessage() {
        return reason.orElse(strategyMessage());
    }

    /** Argo's message for a retry node that ends because of the shutdown, whatever the reason. */
    String strategyMessage() {
        return "Stopped with strategy '" + strategy.argoName() + "'";
    }
}
