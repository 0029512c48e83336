package dev.skiff.dist.bench;

/**
 * How big each scenario is.
 *
 * @param name                 printed with the figures
 * @param chainSteps           steps of the sequential chain (Skiff, and Argo with a 1 s requeue)
 * @param chainStepsArgoDefault steps of the chain for Argo at its default 10 s requeue (each gap is about that long)
 * @param fanoutPods           pods of the one fanning-out workflow (and of the plain client's raw create run)
 * @param oneStepWorkflows     one-step workflows submitted at once
 * @param runningWorkflows     suspended workflows held running while memory is measured
 * @param goGcWaitSeconds      how long to wait for Argo's next garbage collection once they all run (Go offers no
 *                             forced collection from outside; the runtime collects at least every 2 minutes)
 * @param awaitNamespaceGone   whether each run waits until its namespace is deleted before the next starts, so that
 *                             one run's objects never load the next; a run of a few dozen objects does not need it
 *                             (the deletion goes on in the background)
 */
record BenchSize(String name, int chainSteps, int chainStepsArgoDefault, int fanoutPods, int oneStepWorkflows,
                 int runningWorkflows, int goGcWaitSeconds, boolean awaitNamespaceGone) {

    /** The default: the whole run well under 30 minutes on 2 cores. */
    static final BenchSize REDUCED = new BenchSize("reduced", 50, 10, 500, 200, 1000, 130, true);

    /** The sizes of issue 12. */
    static final BenchSize FULL = new BenchSize("full", 200, 200, 2000, 1000, 1000, 130, true);

    /** Checks that the harness runs (the smoke IT). */
    static final BenchSize TINY = new BenchSize("tiny", 3, 2, 6, 4, 4, 0, false);
}
