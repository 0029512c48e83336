package dev.skiff.engine.cli;

/** The user's input cannot be used; the message says what and where, and the CLI exits with 2. */
final class UserInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UserInputException(String message) {
        super(message);
    }

    UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
