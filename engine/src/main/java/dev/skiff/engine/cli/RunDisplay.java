package dev.skiff.engine.cli;

import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowStatus;
import java.util.Optional;

/**
 * How {@code skiff run} shows a run (and {@code skiff submit --wait} / {@code skiff watch} a
 * workflow in a cluster): live tree, progress lines, or only the final document.
 */
sealed interface RunDisplay extends AutoCloseable permits LiveTreeDisplay, ProgressLineDisplay, DocumentDisplay {

    /**
     * The display for {@code -o}: json or yaml print only the final Workflow; otherwise a live tree
     * on a terminal, else progress lines on stderr and the final tree on stdout (wide: more columns).
     */
    static RunDisplay choose(CliIo io, Optional<OutputFormat> format, Workflow wf) {
        return choose(io, format, wf, false);
    }

    /** Likewise; with {@code streamingLogs} (step output goes to stdout) never a live tree. */
    static RunDisplay choose(CliIo io, Optional<OutputFormat> format, Workflow wf, boolean streamingLogs) {
        if (format.isPresent() && format.get() != OutputFormat.WIDE) {
            return new DocumentDisplay(io.out(), io.err(), format.get() == OutputFormat.YAML);
        }
        boolean wide = format.isPresent();
        if (io.terminal().stdoutIsTerminal() && !streamingLogs) {
            return new LiveTreeDisplay(io.out(), io.clock(), wf, wide, io.terminal().columns());
        }
        return new ProgressLineDisplay(io.out(), io.err(), io.clock(), wide);
    }

    /** A new status; called on the runner's thread. */
    void update(WorkflowStatus status);

    /** A one-line note for the user (a prompt, a decision taken); goes to stderr unless drawn in place. */
    void note(String line);

    /** The terminal echoed a line the user typed (Enter at a prompt), which moved the cursor down. */
    default void lineEchoed() {
    }

    /** The run ended (in any phase); prints the final form. */
    void finish(Workflow done);

    /** Stops any background redrawing; safe to call more than once. */
    @Override
    default void close() {
    }
}
