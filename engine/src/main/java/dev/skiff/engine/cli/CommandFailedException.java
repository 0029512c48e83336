package dev.skiff.engine.cli;

/**
 * A command could not do what it was asked for a reason outside the user's input: the cluster
 * refused or could not be reached, the workflow does not exist or is already done. Exit code 1.
 */
final class CommandFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CommandFailedException(String message) {
        super(message);
    }

    CommandFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
