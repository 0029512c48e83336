package dev.skiff.dist.bench;

/** A scenario could not be measured (a timeout, a controller that exited); the message says which and why. */
final class BenchException extends RuntimeException {

    BenchException(String message) {
        super(message);
    }

    BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
