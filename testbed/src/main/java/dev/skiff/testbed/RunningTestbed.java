package dev.skiff.testbed;

import java.util.List;

/**
 * Started clusters plus what stops them. JUnit closes it when the test run ends (it lives in the
 * root extension store); a shutdown hook stops the clusters if the JVM is interrupted first.
 */
final class RunningTestbed implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RunningTestbed.class.getName());

    private final TestbedClusters clusters;
    private final Runnable stopper;
    private final Thread shutdownHook;
    private boolean closed;

    private RunningTestbed(TestbedClusters clusters, Runnable stopper, Runnable quietStopper) {
        this.clusters = clusters;
        this.stopper = stopper;
        this.shutdownHook = new Thread(quietStopper, "skiff-testbed-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static RunningTestbed start(TestbedMode mode, List<String> names) {
        return switch (mode) {
            case PROCESS -> {
                ProcessTestbed testbed = ProcessTestbed.locate();
                yield new RunningTestbed(testbed.start(names), testbed::stop, testbed::stopQuietly);
            }
            case K3S -> {
                K3sTestbed testbed = new K3sTestbed();
                yield new RunningTestbed(testbed.start(names), testbed::stop, testbed::stop);
            }
            case SKIP -> throw new IllegalArgumentException("no testbed is started when SKIFF_TESTBED=skip");
        };
    }

    TestbedClusters clusters() {
        return clusters;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            return; // the hook is running already and stops the clusters
        }
        LOG.log(System.Logger.Level.INFO, "stopping testbed clusters {0}", clusters.names());
        stopper.run();
    }
}
