package dev.skiff.engine.cli;

import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowStatus;

/** How {@code skiff run} shows a run: live tree, progress lines, or only the final document. */
sealed interface RunDisplay extends AutoCloseable permits LiveTreeDisplay, ProgressLineDisplay, DocumentDisplay {

    /** A new status; called on the runner's thread. */
    void update(WorkflowStatus status);

    /** A one-line note for the user (a prompt, a decision taken); goes to stderr unless drawn in place. */
    void note(String line);

    /** The run ended (in any phase); prints the final form. */
    void finish(Workflow done);

    /** Stops any background redrawing; safe to call more than once. */
    @Override
    default void close() {
    }
}
