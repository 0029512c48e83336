package dev.skiff.executor.pod;

import dev.skiff.executor.pod.build.ArgoNames;
import dev.skiff.executor.pod.kube.ClusterClients;
import dev.skiff.executor.pod.kube.KubeApi;
import dev.skiff.executor.pod.kube.RateLimiter;
import dev.skiff.spi.auth.ClusterCredentials;
import dev.skiff.spi.executor.ExecutorContext;
import dev.skiff.spi.executor.StepExecutor;
import dev.skiff.spi.executor.StepListener;
import dev.skiff.spi.executor.StepOutcome;
import dev.skiff.spi.executor.StepRef;
import dev.skiff.spi.executor.StepRequest;
import dev.skiff.spi.executor.StepTarget;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs steps as pods with Argo's executor protocol. Calls return at once: API writes go through a small pool
 * of writer threads under each cluster's rate limit; what pods and task results do arrives through one pair of
 * informers per (cluster, namespace) in use, and every change is reported to the step's listener.
 */
final class PodExecutor implements StepExecutor {

    /**
     * Writer threads: enough that the cluster's rate limit (qps/burst), not the API latency, bounds pod creation.
     * With 8, a fan-out on a busy API server (0.5-1 s per create) got 8 pods/s under a 20 QPS limit
     * ({@code ./dev bench controller}, BENCHMARKS.md). A writer waiting for a token holds its thread.
     */
    private static final int WRITERS = 32;
    private static final int SIGNALLERS = 4;
    /** How long the watches of a namespace outlive its last step (steps often follow one another). */
    private static final long IDLE_WATCH_SECONDS = 300;

    private final PodExecutorConfig config;
    private final ExecutorContext context;
    private final System.Logger log;
    private final Map<String, ClusterAccess> clusters = new ConcurrentHashMap<>();
    private final Map<String, ClusterContact> contacts = new ConcurrentHashMap<>();
    private static final int MAX_IDENTITIES = 256;
    private final Map<ClusterCredentials, ClusterAccess> identities = new java.util.HashMap<>();
    private final Map<StepTarget, WatchedNamespace> namespaces = new ConcurrentHashMap<>();
    private final Map<StepRef, TrackedStep> steps = new ConcurrentHashMap<>();
    private final Map<StepRef, WatchedNamespace> placeOf = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor writers = (ThreadPoolExecutor) Executors.newFixedThreadPool(WRITERS,
            daemon("skiff-pod-writer"));
    private final ExecutorService signalling = Executors.newFixedThreadPool(SIGNALLERS, daemon("skiff-pod-signal"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("skiff-pod-timer"));
    private final StepLifecycle lifecycle;
    private final Anchors anchors = new Anchors();

    PodExecutor(PodExecutorConfig config, ExecutorContext context) {
        this.config = config;
        this.context = context;
        this.log = context.logger();
        this.lifecycle = new StepLifecycle(config.pods(), context.clock(), writers, signalling, timers, log,
                this::creator, anchors);
    }

    @Override
    public void start(StepRequest request, StepListener listener) {
        begin(request, listener, false);
    }

    @Override
    public void reattach(StepRequest request, StepListener listener) {
        begin(request, listener, true);
    }

    private void begin(StepRequest request, StepListener listener, boolean reattach) {
        StepRef ref = request.ref();
        TrackedStep known = steps.get(ref);
        if (known != null) {
            known.replaceListener(listener);
            return;
        }
        if (ref.target().cluster().isEmpty() || ref.target().namespace().isEmpty()) {
            listener.onChange(ref, StepOutcome.error("the step has no target cluster and namespace; the"
                    + " controller resolves the workflow's own before starting pods", context.clock().instant()));
            return;
        }
        TrackedStep step = new TrackedStep(request, listener, reattach);
        WatchedNamespace ns;
        synchronized (namespaces) {
            TrackedStep raced = steps.putIfAbsent(ref, step);
            if (raced != null) {
                raced.replaceListener(listener);
                return;
            }
            try {
                ns = namespace(ref.target());
            } catch (IllegalArgumentException e) {
                steps.remove(ref, step);
                listener.onChange(ref, StepOutcome.error(e.getMessage(), context.clock().instant()));
                return;
            }
            placeOf.put(ref, ns);
            ns.track(step);
        }
        ns.whenSynced(() -> lifecycle.firstLook(ns, step));
    }

    @Override
    public Optional<StepOutcome> observe(StepRef ref) {
        TrackedStep step = steps.get(ref);
        return step == null ? Optional.empty() : step.last();
    }

    @Override
    public void stop(StepRef ref, String reason) {
        TrackedStep step = steps.get(ref);
        WatchedNamespace ns = placeOf.get(ref);
        if (step != null && ns != null && step.requestStop(reason)) {
            lifecycle.enforceStop(ns, step);
        }
    }

    @Override
    public void settle(StepRef ref) {
        release(ref).ifPresent(cluster -> writers.execute(() -> lifecycle.quietly("label pod " + ref.stepId()
                + " completed", () -> cluster.labelCompleted(ref.target().namespace(), ref.stepId()))));
    }

    @Override
    public void delete(StepRef ref) {
        release(ref).ifPresent(cluster -> writers.execute(() -> lifecycle.quietly("delete pod " + ref.stepId(),
                () -> cluster.deletePod(ref.target().namespace(), ref.stepId()))));
    }

    @Override
    public void workflowCompleted(StepTarget target, String workflowName) {
        clusterFor(target.cluster()).ifPresent(cluster -> writers.execute(() -> lifecycle.quietly(
                "delete the task results of " + workflowName, () -> cluster.deleteTaskResults(target.namespace(),
                        workflowName))));
    }

    /**
     * The workflow is being deleted: in a namespace or cluster other than its own, its pods there (selected by the
     * workflow label and the owner labels, so never another workflow's of that name) and its anchor, whose
     * dependents (task results, pods) the garbage collector then deletes. Synchronous, so the engine drops its
     * finalizer only after these deletes were accepted.
     */
    @Override
    public void workflowDeleted(StepTarget target, String workflowCluster, String workflowNamespace,
                                String workflowName) {
        ClusterAccess cluster;
        try {
            cluster = cluster(target.cluster());
        } catch (IllegalArgumentException e) {
            // A target whose step was refused (an unknown cluster): nothing was ever created there.
            log.log(System.Logger.Level.INFO, "nothing to clean up for workflow " + workflowNamespace + "/"
                    + workflowName + " in cluster=" + target.cluster() + ": " + e.getMessage());
            return;
        }
        String selector = ArgoNames.LABEL_WORKFLOW + "=" + workflowName + "," + ArgoNames.LABEL_OWNER_CLUSTER + "="
                + workflowCluster + "," + ArgoNames.LABEL_OWNER_NAMESPACE + "=" + workflowNamespace;
        try {
            cluster.deletePods(target.namespace(), selector);
            anchors.delete(cluster, target.namespace(), workflowCluster, workflowNamespace, workflowName);
        } catch (dev.skiff.executor.pod.kube.ApiFailure e) {
            throw new IllegalStateException("cannot clean up workflow " + workflowName + " in cluster "
                    + target.cluster() + " namespace " + target.namespace() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while cleaning up workflow " + workflowName);
        }
        log.log(System.Logger.Level.INFO, "cleaned up workflow " + workflowNamespace + "/" + workflowName
                + " in cluster=" + target.cluster() + " namespace=" + target.namespace());
    }

    /** Stops following the step; the cluster to write to, when it is known. */
    private Optional<ClusterAccess> release(StepRef ref) {
        TrackedStep step;
        WatchedNamespace ns;
        synchronized (namespaces) {
            step = steps.remove(ref);
            ns = placeOf.remove(ref);
            if (step != null) {
                step.release();
            }
            if (ns != null && step != null) {
                ns.forget(step);
            }
        }
        if (ns != null && step != null) {
            if (ns.idle()) {
                timers.schedule(() -> closeIfIdle(ref.target(), ns), IDLE_WATCH_SECONDS, TimeUnit.SECONDS);
            }
            return Optional.of(ns.cluster);
        }
        return clusterFor(ref.target().cluster());
    }

    /** Only namespaces with steps are watched: one idle for a while stops its informers. */
    private void closeIfIdle(StepTarget target, WatchedNamespace ns) {
        synchronized (namespaces) {
            if (!ns.idle() || !namespaces.remove(target, ns)) {
                return;
            }
        }
        ns.close();
        log.log(System.Logger.Level.INFO, "stopped watching cluster=" + target.cluster() + " namespace="
                + target.namespace() + " (no steps)");
    }

    private Optional<ClusterAccess> clusterFor(String name) {
        try {
            return Optional.of(cluster(name));
        } catch (IllegalArgumentException e) {
            log.log(System.Logger.Level.WARNING, e.getMessage());
            return Optional.empty();
        }
    }

    private WatchedNamespace namespace(StepTarget target) {
        ClusterAccess cluster = cluster(target.cluster());
        return namespaces.computeIfAbsent(target, t -> {
            log.log(System.Logger.Level.INFO, "watching pods and workflowtaskresults in cluster=" + t.cluster()
                    + " namespace=" + t.namespace());
            WatchedNamespace ns = new WatchedNamespace(cluster, t.namespace(), config.pods().instanceId(), writers,
                    lifecycle, context.clock(), log);
            AtomicReference<ScheduledFuture<?>> poll = new AtomicReference<>();
            poll.set(timers.scheduleWithFixedDelay(() -> {
                if (ns.checkSynced() && poll.get() != null) {
                    poll.get().cancel(false);
                }
            }, 0, 10, TimeUnit.MILLISECONDS));
            return ns;
        });
    }

    private ClusterAccess cluster(String name) {
        return clusters.computeIfAbsent(name, n -> {
            ClusterCredentials credentials = context.cluster(n).orElseThrow(() -> new IllegalArgumentException(
                    "cluster '" + n + "' is not configured for the pod executor"));
            ClusterContact contact = contact(n);
            return new ClusterAccess(n, new KubeApi(ClusterClients.create(credentials), contact),
                    new RateLimiter(config.qps(), config.burst()), contact, log);
        });
    }

    /** Whether the cluster answers, one record per cluster name, fed by every identity's requests there. */
    private ClusterContact contact(String cluster) {
        return contacts.computeIfAbsent(cluster, n -> new ClusterContact(n, context.reachability(), log));
    }

    /**
     * Who creates a step's pod: the identity the engine put on the request (a tenant's user; one client per
     * credentials object, which the engine reuses while the tenant's secret is unchanged), else the cluster's own.
     */
    private ClusterAccess creator(ClusterAccess cluster, StepRequest request) {
        if (request.credentials().isEmpty()) {
            return cluster;
        }
        ClusterCredentials credentials = request.credentials().get();
        synchronized (identities) {
            if (identities.size() > MAX_IDENTITIES) {
                identities.clear();
            }
            return identities.computeIfAbsent(credentials, c -> new ClusterAccess(cluster.name(),
                    new KubeApi(ClusterClients.create(c), cluster.contact()), new RateLimiter(config.qps(),
                    config.burst()), cluster.contact(), log));
        }
    }

    /**
     * What the executor is doing now, on one line: its steps by last reported phase, the writer pool, pod creations,
     * the last failed writes, each cluster's write limiter and each watched namespace's informers. Tests print it
     * when they time out waiting for the executor.
     */
    @Override
    public String toString() {
        Map<String, Integer> phases = new java.util.TreeMap<>();
        for (TrackedStep step : steps.values()) {
            phases.merge(step.last().map(o -> o.phase().name()).orElse("nothing reported"), 1, Integer::sum);
        }
        return "pod executor: steps " + phases + "; writers " + writers.getActiveCount() + " busy, "
                + writers.getQueue().size() + " queued, " + writers.getCompletedTaskCount() + " tasks done; "
                + lifecycle.describe() + "; clusters " + clusters.values() + "; namespaces "
                + namespaces.values().stream().map(WatchedNamespace::describe).toList();
    }

    @Override
    public void close() {
        namespaces.values().forEach(WatchedNamespace::close);
        timers.shutdownNow();
        writers.shutdownNow();
        signalling.shutdownNow();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
