package dev.skiff.engine.cli;

import java.util.Optional;

/**
 * SIGTERM and SIGINT handled as requests to stop (so {@code skiff controller} can stop cleanly and exit 0, which
 * a JVM shutdown hook cannot): through {@code sun.misc.Signal} when the JDK has it, else a shutdown hook.
 */
final class StopSignals {

    private StopSignals() {
    }

    /** Calls {@code stop} on SIGTERM or SIGINT; returns how to undo that, if anything must be undone. */
    static Optional<Runnable> onStop(Runnable stop) {
        try {
            for (String name : new String[] {"TERM", "INT"}) {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> stop.run());
            }
            return Optional.empty();
        } catch (IllegalArgumentException | LinkageError e) {
            Thread hook = new Thread(stop, "skiff-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            return Optional.of(() -> {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs
                }
            });
        }
    }
}
