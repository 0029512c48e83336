package dev.skiff.engine.cli;

import dev.skiff.engine.run.WorkflowRunner;
import dev.skiff.spi.executor.StepExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM during {@code skiff run}. The first stops the workflow as {@code argo stop}
 * does (running steps get SIGTERM, then SIGKILL after the grace period; exit handlers still run); a second
 * one terminates it as {@code argo terminate} (exit handlers are stopped too). Either way the run goes on to
 * its end on the main thread: the executor is closed (every step process gone), the final Workflow is
 * printed, and Skiff exits 130 (SIGINT) or 143 (SIGTERM).
 *
 * <p>The JVM would instead run shutdown hooks and halt once they return, without waiting for the threads
 * that stop steps: so these two signals get handlers of their own ({@code sun.misc.Signal}, which the JDK
 * keeps for this purpose in {@code jdk.unsupported}). Other ways the JVM may end (SIGHUP when the terminal
 * closes, where such handlers cannot be installed) go through a shutdown hook that terminates the run and
 * closes the executor, which returns only once every step process is gone.
 */
final class RunInterrupts implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RunInterrupts.class.getName());
    static final String STOP = "Stopped with strategy 'Stop'";
    static final String TERMINATE = "Stopped with strategy 'Terminate'";

    private final WorkflowRunner runner;
    private final Consumer<String> note;
    private final AtomicInteger received = new AtomicInteger();
    private volatile int firstSignal;
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private final Thread hook;

    private RunInterrupts(WorkflowRunner runner, StepExecutor executor, Consumer<String> note) {
        this.runner = runner;
        this.note = note;
        this.hook = new Thread(() -> {
            runner.terminate(TERMINATE);
            executor.close();
        }, "skiff-shutdown");
    }

    /** Installs the handlers (and the shutdown hook) until {@link #close()}. */
    static RunInterrupts install(WorkflowRunner runner, StepExecutor executor, Consumer<String> note) {
        RunInterrupts interrupts = new RunInterrupts(runner, executor, note);
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal signal = new Signal(name);
                SignalHandler old = Signal.handle(signal, interrupts::received);
                interrupts.signals.add(signal);
                interrupts.previous.add(old);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                LOG.log(System.Logger.Level.DEBUG, "cannot handle SIG" + name + ": " + e.getMessage());
            }
        }
        Runtime.getRuntime().addShutdownHook(interrupts.hook);
        return interrupts;
    }

    /** 128 + the first signal's number once one arrived (130 for SIGINT, 143 for SIGTERM). */
    OptionalInt exitCode() {
        int signal = firstSignal;
        return signal == 0 ? OptionalInt.empty() : OptionalInt.of(128 + signal);
    }

    private void received(Signal signal) {
        int count = received.incrementAndGet();
        if (count == 1) {
            firstSignal = signal.getNumber();
            note.accept("skiff: SIG" + signal.getName() + ": stopping the workflow (steps get SIGTERM, then SIGKILL"
                    + " after the grace period); exit handlers still run: press Ctrl-C again to stop them too");
            runner.stop(STOP);
        } else if (count == 2) {
            note.accept("skiff: SIG" + signal.getName() + " again: terminating the workflow, exit handlers included");
            runner.terminate(TERMINATE);
        }
    }

    /** Puts the previous handlers back and removes the shutdown hook (the run ended on its own). */
    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook runs.
        }
    }
}
