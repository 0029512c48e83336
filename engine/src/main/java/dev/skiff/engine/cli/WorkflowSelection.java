package dev.skiff.engine.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The label selector {@code argo list} and {@code argo delete} build from their flags: the user's
 * {@code -l}, the phase label for {@code --status}, the completed label for {@code --completed} /
 * {@code --running} (labels the controller keeps on each Workflow). Pure.
 */
final class WorkflowSelection {

    static final String PHASE_LABEL = "workflows.argoproj.io/phase";
    static final String COMPLETED_LABEL = "workflows.argoproj.io/completed";

    private WorkflowSelection() {
    }

    /**
     * @throws UserInputException for {@code --completed} with {@code --running}
     */
    static String labelSelector(String labels, List<String> statuses, boolean completed, boolean running) {
        if (completed && running) {
            throw new UserInputException("--completed and --running cannot be used together");
        }
        List<String> parts = new ArrayList<>();
        if (labels != null && !labels.isBlank()) {
            parts.add(labels.trim());
        }
        List<String> phases = statuses.stream().flatMap(s -> List.of(s.split(",")).stream()).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
        if (!phases.isEmpty()) {
            parts.add(PHASE_LABEL + " in (" + String.join(",", phases) + ")");
        }
        if (completed) {
            parts.add(COMPLETED_LABEL + "=true");
        }
        if (running) {
            parts.add(COMPLETED_LABEL + "!=true");
        }
        return String.join(",", parts);
    }
}
