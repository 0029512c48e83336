package dev.skiff.testbed;

/** The testbed could not do what a test asked: start, stop, run kubectl, or reach a state in time. */
public final class TestbedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TestbedException(String message) {
        super(message);
    }

    public TestbedException(String message, Throwable cause) {
        super(message, cause);
    }
}
