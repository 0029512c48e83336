package dev.skiff.testbed;

import java.util.List;

/**
 * The process testbed started outside JUnit, for programs such as the controller benchmark: the same scripts and
 * work directory ({@code SKIFF_TESTBED_WORKDIR}) as the extension; {@link #close()} (or a shutdown hook when the JVM
 * is interrupted) stops the clusters.
 */
public final class StandaloneTestbed implements AutoCloseable {
    private final RunningTestbed running;

    private StandaloneTestbed(RunningTestbed running) {
        this.running = running;
    }

    /** Deletes clusters left in the work directory, then starts {@code names} (the first is the hub). */
    public static StandaloneTestbed start(List<String> names) {
        return new StandaloneTestbed(RunningTestbed.start(TestbedMode.PROCESS, names));
    }

    public TestbedClusters clusters() {
        return running.clusters();
    }

    @Override
    public void close() {
        running.close();
    }
}
