package dev.skiff.engine.run;

import dev.skiff.engine.core.Decision;
import dev.skiff.engine.core.Observation;
import dev.skiff.engine.core.Reconciliation;
import dev.skiff.engine.core.WorkflowAdmission;
import dev.skiff.engine.core.ArtifactRepository;
import dev.skiff.engine.core.ReconcileLimits;
import dev.skiff.engine.core.WorkflowReconciler;
import dev.skiff.engine.core.WorkflowTemplates;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowStatus;
import dev.skiff.spi.executor.StepExecutor;
import dev.skiff.spi.executor.StepOutcome;
import dev.skiff.spi.executor.StepRef;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Runs one workflow to completion with a StepExecutor: the I/O shell around the pure
 * {@link WorkflowReconciler}. Event-driven: every executor report wakes the loop at once, all reports that
 * arrived meanwhile are handed to one reconcile, and timers (back-off, deadlines, suspends) wake it at
 * their time. One run per instance.
 */
public final class WorkflowRunner {

    private static final System.Logger LOG = System.getLogger(WorkflowRunner.class.getName());
    /**
     * The observer sees at most one intermediate status per this interval (longer for big workflows, whose
     * snapshots cost more), and always the last one.
     */
    private static final Duration OBSERVE_INTERVAL = Duration.ofMillis(100);

    private final StepExecutor executor;
    private final Clock clock;
    private final RandomGenerator random;
    private final ArtifactRepository artifacts;
    private final ReconcileLimits limits;
    private final WorkflowTemplates templates;
    private final LinkedBlockingQueue<Observation> events = new LinkedBlockingQueue<>();
    private int reconciles;

    /** A runner without an artifact repository: steps with repository artifacts end Error. */
    public WorkflowRunner(StepExecutor executor, Clock clock) {
        this(executor, clock, ArtifactRepository.NONE);
    }

    /** A runner storing artifacts without a location of their own in {@code artifacts}. */
    public WorkflowRunner(StepExecutor executor, Clock clock, ArtifactRepository artifacts) {
        this(executor, clock, new SecureRandom(), artifacts);
    }

    /** A runner whose generated names and uids come from {@code random} (for tests). */
    public WorkflowRunner(StepExecutor executor, Clock clock, RandomGenerator random) {
        this(executor, clock, random, ArtifactRepository.NONE);
    }

    /** Likewise, with an artifact repository. */
    public WorkflowRunner(StepExecutor executor, Clock clock, RandomGenerator random, ArtifactRepository artifacts) {
        this(executor, clock, random, artifacts, ReconcileLimits.DEFAULT);
    }

    /** Likewise, with the reconciler's limits (how many items a loop may have). */
    public WorkflowRunner(StepExecutor executor, Clock clock, RandomGenerator random, ArtifactRepository artifacts,
                          ReconcileLimits limits) {
        this(executor, clock, random, artifacts, limits, WorkflowTemplates.NONE);
    }

    /** Likewise, finding WorkflowTemplates for {@code templateRef} and {@code workflowTemplateRef} in {@code templates}. */
    public WorkflowRunner(StepExecutor executor, Clock clock, RandomGenerator random, ArtifactRepository artifacts,
                          ReconcileLimits limits, WorkflowTemplates templates) {
        this.templates = Objects.requireNonNull(templates, "templates");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.artifacts = Objects.requireNonNull(artifacts, "artifacts");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Blocks until the workflow is done; the observer sees new statuses (on the caller's thread). */
    public Workflow run(Workflow wf, Map<String, String> parameterOverrides, Consumer<WorkflowStatus> observer)
            throws InterruptedException {
        Workflow admitted = WorkflowAdmission.admit(wf, parameterOverrides, clock.instant(), random);
        WorkflowReconciler reconciler = WorkflowReconciler.of(admitted, artifacts, limits, templates);
        PriorityQueue<Instant> wakes = new PriorityQueue<>();
        Map<String, StepRef> running = new HashMap<>();
        List<Observation> batch = new ArrayList<>();
        Instant lastObserved = Instant.MIN;
        Duration observeInterval = OBSERVE_INTERVAL;
        boolean unseen = false;
        try {
            while (true) {
                Reconciliation result = reconciler.reconcile(batch, clock.instant());
                reconciles++;
                batch.clear();
                for (Decision decision : result.decisions()) {
                    apply(decision, wakes, running);
                }
                Instant now = clock.instant();
                if (result.done()) {
                    break;
                }
                unseen |= result.changed();
                // Throttled while events flow, but not left unseen while the loop is about to wait (unless the
                // workflow is so big that a snapshot is costly; then the interval still applies).
                boolean idle = events.isEmpty() && observeInterval.equals(OBSERVE_INTERVAL);
                if (unseen && (idle || Duration.between(lastObserved, now).compareTo(observeInterval) >= 0)) {
                    long before = System.nanoTime();
                    observer.accept(reconciler.status());
                    // Keep snapshots of big workflows to a tenth of the run's time.
                    Duration cost = Duration.ofNanos(10 * (System.nanoTime() - before));
                    observeInterval = cost.compareTo(OBSERVE_INTERVAL) > 0 ? cost : OBSERVE_INTERVAL;
                    lastObserved = clock.instant();
                    unseen = false;
                }
                awaitEvents(wakes, batch);
            }
        } catch (InterruptedException e) {
            running.values().forEach(ref -> executor.stop(ref, "interrupted"));
            throw e;
        }
        WorkflowStatus last = reconciler.status();
        observer.accept(last);
        return reconciler.workflow();
    }

    /** How many reconciles the last run took (for benchmarks). */
    public int reconciles() {
        return reconciles;
    }

    private void apply(Decision decision, PriorityQueue<Instant> wakes, Map<String, StepRef> running) {
        switch (decision) {
            case Decision.StartStep start -> {
                String nodeId = start.request().nodeId();
                running.put(nodeId, start.request().ref());
                try {
                    executor.start(start.request(), (ref, outcome) -> report(nodeId, outcome, running));
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "executor failed to start " + start.request().ref().stepId(), e);
                    report(nodeId, StepOutcome.error("executor failed to start the step: " + e.getMessage(),
                            clock.instant()), running);
                }
            }
            case Decision.StopStep stop -> executor.stop(stop.ref(), stop.reason());
            case Decision.WakeAt wake -> wakes.add(wake.at());
        }
    }

    private void report(String nodeId, StepOutcome outcome, Map<String, StepRef> running) {
        events.add(new Observation.StepObserved(nodeId, outcome));
    }

    /** Waits for the next executor report, resume or stop, or the next timer; drains whatever arrived. */
    private void awaitEvents(PriorityQueue<Instant> wakes, List<Observation> batch) throws InterruptedException {
        Observation first;
        if (wakes.isEmpty()) {
            first = events.take();
        } else {
            long millis = Duration.between(clock.instant(), wakes.peek()).toMillis();
            first = millis <= 0 ? events.poll() : events.poll(millis, TimeUnit.MILLISECONDS);
        }
        if (first != null) {
            batch.add(first);
        }
        events.drainTo(batch);
        Instant now = clock.instant();
        while (!wakes.isEmpty() && !wakes.peek().isAfter(now)) {
            wakes.poll();
        }
    }

    /** Resumes a suspended node (by node name, display name or id), from any thread. */
    public void resume(String node) {
        events.add(new Observation.ResumeNode(node));
    }

    /**
     * Stops the run as Argo's {@code Stop}: running steps are stopped, exit handlers still run, the workflow
     * ends Failed with the reason. Any thread.
     */
    public void stop(String reason) {
        events.add(new Observation.StopWorkflow(reason));
    }

    /** Stops the run as Argo's {@code Terminate}: running exit handlers are stopped too, and none starts. Any thread. */
    public void terminate(String reason) {
        events.add(new Observation.StopWorkflow(reason, true));
    }
}
