package dev.skiff.engine.cli;

import dev.skiff.engine.model.WorkflowPhase;

/** The exit codes of {@code skiff}: the contract scripts rely on. */
final class ExitCodes {

    /** The workflow succeeded, or the command did what it was asked. */
    static final int OK = 0;
    /** The workflow ended Failed or Error (or Skiff itself failed unexpectedly). */
    static final int FAILED = 1;
    /** The input was unusable: unreadable file, bad YAML, bad option, lint problems. */
    static final int INVALID_INPUT = 2;
    /** Interrupted with Ctrl-C (128 + SIGINT), as shells report it. */
    static final int INTERRUPTED = 130;

    private ExitCodes() {
    }

    /** The exit code for a workflow that ended in this phase. */
    static int of(WorkflowPhase phase) {
        return switch (phase) {
            case SUCCEEDED -> OK;
            case FAILED, ERROR, PENDING, RUNNING -> FAILED;
        };
    }
}
