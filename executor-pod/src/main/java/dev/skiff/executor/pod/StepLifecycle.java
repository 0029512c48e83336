package dev.skiff.executor.pod;

import dev.skiff.executor.pod.build.BuiltPod;
import dev.skiff.executor.pod.build.PodBuildException;
import dev.skiff.executor.pod.build.PodBuilder;
import dev.skiff.executor.pod.build.PodSettings;
import dev.skiff.executor.pod.kube.ApiFailure;
import dev.skiff.executor.pod.kube.ContainerSignals;
import dev.skiff.executor.pod.outcome.PodView;
import dev.skiff.executor.pod.outcome.StepOutcomes;
import dev.skiff.spi.executor.StepOutcome;
import dev.skiff.spi.executor.StepRequest;
import dev.skiff.spi.executor.StepPhase;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What happens to a step between its request and its end: attach to its pod or create it (Argo's
 * createWorkflowPod and submitPod), retry transient failures, re-create the pod of a pending step that vanished,
 * report a pod lost later as {@code pod deleted}, and stop it as Argo's pod cleanup does (delete it while
 * pending; SIGTERM into its running containers, SIGKILL after the grace period).
 */
final class StepLifecycle implements WatchedNamespace.PodLoss {

    private static final long MAX_BACKOFF_SECONDS = 60;

    private final PodSettings settings;
    private final Clock clock;
    private final ExecutorService writers;
    private final ExecutorService signalling;
    private final ScheduledExecutorService timers;
    private final System.Logger log;

    private final java.util.function.BiFunction<ClusterAccess, StepRequest, ClusterAccess> creators;
    private final Anchors anchors;
    /** Pod creations between taking a writer and the API's answer (a rate-limit token wait included). */
    private final AtomicInteger creating = new AtomicInteger();
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final RecentFailures writeFailures;

    StepLifecycle(PodSettings settings, Clock clock, ExecutorService writers, ExecutorService signalling,
                  ScheduledExecutorService timers, System.Logger log,
                  java.util.function.BiFunction<ClusterAccess, StepRequest, ClusterAccess> creators, Anchors anchors) {
        this.creators = creators;
        this.anchors = anchors;
        this.settings = settings;
        this.clock = clock;
        this.writers = writers;
        this.signalling = signalling;
        this.timers = timers;
        this.log = log;
        this.writeFailures = new RecentFailures(clock);
    }

    /** Pod creations in progress and done, retries, and the last failed writes (for the executor's state). */
    String describe() {
        return "pod creations: " + creating.get() + " in progress, " + created.get() + " done, " + retries.get()
                + " retried; failed writes: " + writeFailures;
    }

    /** After the informers synced: attach to the pod in the cache, or create it (never for a re-attach). */
    void firstLook(WatchedNamespace ns, TrackedStep step) {
        if (step.finished()) {
            return;
        }
        ns.cachedResult(step.request.nodeId()).ifPresent(step::resultSeen);
        Optional<PodView> pod = ns.cachedPod(step.ref.stepId());
        if (pod.isPresent()) {
            step.podSeen(pod.get());
            podSeen(ns, step);
            return;
        }
        if (step.stopReason().isPresent()) {
            step.report(failed(step.stopReason().get()));
            return;
        }
        if (step.reattach) {
            step.report(StepOutcomes.podDeleted(clock.instant()));
            return;
        }
        create(ns, step, 0);
    }

    private void create(WatchedNamespace ns, TrackedStep step, int attempt) {
        if (step.finished()) {
            return;
        }
        if (step.stopReason().isPresent()) {
            step.report(failed(step.stopReason().get()));
            return;
        }
        if (attempt > 0 && ns.cluster.contact().down()) {
            // The cluster does not answer (its namespace's informers keep asking): no writer thread waits on it;
            // the creation runs when it answers, or after the next back-off, whichever comes first.
            later(ns, step, attempt, true, null);
            return;
        }
        StepRequest forPod = step.request;
        if (!PodBuilder.ownedByWorkflow(forPod) && !forPod.workflowUid().isEmpty()) {
            try {
                forPod = Anchors.anchored(forPod, anchors.ensure(ns.cluster, forPod));
            } catch (Anchors.Taken e) {
                step.report(StepOutcome.error(e.getMessage(), clock.instant()));
                return;
            } catch (ApiFailure e) {
                retryOrFail(ns, step, attempt, e);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        BuiltPod built;
        try {
            built = PodBuilder.build(forPod, settings, clock.instant());
        } catch (PodBuildException e) {
            step.report(e.deadlinePassed() ? failed(e.getMessage()) : StepOutcome.error(e.getMessage(), clock.instant()));
            return;
        }
        creating.incrementAndGet();
        try {
            // The step's own identity when the engine gave one (a tenant's user), else the executor's.
            ClusterAccess creator = creators.apply(ns.cluster, step.request);
            if (built.configMap().isPresent()) {
                creator.createConfigMap(ns.namespace, built.configMap().get());
            }
            creator.createPod(ns.namespace, built.pod());
            created.incrementAndGet();
            step.reportWhilePending(StepOutcome.pending());
        } catch (ApiFailure e) {
            if (e.code() == 409) {
                adopt(ns, step);
            } else {
                retryOrFail(ns, step, attempt, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            creating.decrementAndGet();
        }
    }

    private void retryOrFail(WatchedNamespace ns, TrackedStep step, int attempt, ApiFailure e) {
        if (e.transientFailure()) {
            // Argo marks the node Pending with the error and tries again later
            step.reportWhilePending(new StepOutcome(StepPhase.PENDING, OptionalInt.empty(), Optional.empty(),
                    Map.of(), e.getMessage(), Optional.empty(), Optional.empty()));
            // No answer at all: also as soon as the cluster answers (a watch's re-list tells), not only when the
            // back-off ends; the pod may exist already (the answer was lost), then it is adopted.
            later(ns, step, attempt, e.code() == 0, e.getMessage());
        } else {
            writeFailures.add("creating pod " + step.ref.stepId() + ": " + e.getMessage() + " (the step ends ERROR)");
            step.report(StepOutcome.error(e.getMessage(), clock.instant()));
        }
    }

    /** Creates the pod again after the back-off, or as soon as the cluster answers again if {@code onAnswer}. */
    private void later(WatchedNamespace ns, TrackedStep step, int attempt, boolean onAnswer, String error) {
        long delay = Math.min(MAX_BACKOFF_SECONDS, 1L << Math.min(attempt, 6));
        if (error != null) { // null: parked while the cluster does not answer, not a new failure
            retries.incrementAndGet();
            writeFailures.add("creating pod " + step.ref.stepId() + ", attempt " + (attempt + 1) + ": " + error
                    + "; again in " + delay + " s" + (onAnswer ? " or when the cluster answers" : ""));
        }
        java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable again = () -> {
            if (once.compareAndSet(false, true)) {
                writers.execute(() -> create(ns, step, attempt + 1));
            }
        };
        timers.schedule(again, delay, TimeUnit.SECONDS);
        if (onAnswer) {
            ns.cluster.contact().whenAnswering(again);
        }
    }

    /** The pod exists already (deterministic name): attach to it, as Argo does after AlreadyExists. */
    private void adopt(WatchedNamespace ns, TrackedStep step) {
        try {
            Optional<Map<String, Object>> pod = ns.cluster.getPod(ns.namespace, step.ref.stepId());
            if (pod.isPresent() && step.pod().isEmpty()) {
                step.podSeen(PodView.of(pod.get()));
                podSeen(ns, step);
            }
        } catch (ApiFailure e) {
            step.report(StepOutcome.error(e.getMessage(), clock.instant()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void podSeen(WatchedNamespace ns, TrackedStep step) {
        if (step.stopReason().isPresent()) {
            enforceStop(ns, step);
        }
    }

    @Override
    public void podGone(WatchedNamespace ns, TrackedStep step) {
        boolean wasPending = step.lastWasPending();
        step.podGone();
        if (step.stopReason().isPresent()) {
            step.report(failed(step.stopReason().get()));
        } else if (!step.reattach && wasPending) {
            // Argo submits the pod of a pending node again when it has disappeared
            writers.execute(() -> create(ns, step, 0));
        } else {
            step.report(StepOutcomes.podDeleted(clock.instant()));
        }
    }

    /** Argo's TerminateContainers: a pending pod is deleted, a running one signalled. */
    void enforceStop(WatchedNamespace ns, TrackedStep step) {
        Optional<PodView> pod = step.pod();
        if (pod.isEmpty()) {
            return;
        }
        switch (pod.get().phase()) {
            case "", "Pending" -> {
                if (step.advanceStop(TrackedStep.StopStage.POD_DELETED)) {
                    writers.execute(() -> quietly("delete pod " + step.ref.stepId(),
                            () -> ns.cluster.deletePod(ns.namespace, step.ref.stepId())));
                }
            }
            case "Running" -> {
                if (step.advanceStop(TrackedStep.StopStage.TERMINATED)) {
                    signalling.execute(() -> quietly("terminate " + step.ref.stepId(),
                            () -> ns.cluster.signals().signalRunning(pod.get(), ContainerSignals.SIGTERM)));
                    timers.schedule(() -> kill(ns, step), pod.get().gracePeriodSeconds(), TimeUnit.SECONDS);
                }
            }
            default -> step.reassess();
        }
    }

    private void kill(WatchedNamespace ns, TrackedStep step) {
        Optional<PodView> pod = step.pod();
        if (pod.isPresent() && "Running".equals(pod.get().phase()) && step.advanceStop(TrackedStep.StopStage.KILLED)) {
            signalling.execute(() -> quietly("kill " + step.ref.stepId(),
                    () -> ns.cluster.signals().signalRunning(pod.get(), ContainerSignals.SIGKILL)));
        }
    }

    private StepOutcome failed(String message) {
        return new StepOutcome(StepPhase.FAILED, OptionalInt.empty(), Optional.empty(), Map.of(), message,
                Optional.empty(), Optional.of(clock.instant()));
    }

    /** A write the executor does on its own behalf: failures are logged, not reported. */
    interface Write {
        void run() throws ApiFailure, InterruptedException;
    }

    void quietly(String what, Write write) {
        try {
            write.run();
        } catch (ApiFailure e) {
            writeFailures.add(what + ": " + e.getMessage());
            log.log(System.Logger.Level.WARNING, what + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
