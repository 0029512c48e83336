package dev.skiff.dist.bench;

import java.io.IOException;

/** A controller process started for one scenario in one namespace; {@link #close()} stops it. */
interface RunningController extends AutoCloseable {

    /** The operating system process (for RSS and CPU time). */
    long pid();

    /** The live heap after a garbage collection, in MiB. */
    double heapAfterGcMiB() throws IOException, InterruptedException;

    /** The end of its log, for error messages. */
    String logTail();

    @Override
    void close() throws IOException, InterruptedException;
}
