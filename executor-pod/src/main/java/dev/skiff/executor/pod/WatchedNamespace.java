package dev.skiff.executor.pod;

import dev.skiff.executor.pod.json.JsonTree;
import dev.skiff.executor.pod.kube.ApiFailure;
import dev.skiff.executor.pod.kube.NamespaceEvents;
import dev.skiff.executor.pod.kube.NamespaceInformers;
import dev.skiff.executor.pod.outcome.PodView;
import dev.skiff.executor.pod.outcome.TaskResultView;
import dev.skiff.spi.executor.StepOutcome;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * A (cluster, namespace) with steps: its pod and task-result informers, and which tracked step each pod (by
 * name) and task result (by node id) belongs to. Informer events update those steps; steps that start before
 * the informers have synced wait for the first full list.
 */
final class WatchedNamespace implements NamespaceEvents {

    /** What the executor does when a pod it follows disappears. */
    interface PodLoss {
        void podGone(WatchedNamespace ns, TrackedStep step);

        void podSeen(WatchedNamespace ns, TrackedStep step);
    }

    final ClusterAccess cluster;
    final String namespace;
    private final NamespaceInformers informers;
    private final Map<String, TrackedStep> byPod = new ConcurrentHashMap<>();
    private final Map<String, TrackedStep> byNode = new ConcurrentHashMap<>();
    private final List<Runnable> waiting = new ArrayList<>();
    private final Executor work;
    private final PodLoss loss;
    private final Clock clock;
    private final System.Logger log;
    private final RecentFailures informerFailures;
    private volatile boolean synced;
    private volatile boolean closed;

    WatchedNamespace(ClusterAccess cluster, String namespace, String instanceId, Executor work, PodLoss loss,
                     Clock clock, System.Logger log) {
        this.log = log;
        this.cluster = cluster;
        this.namespace = namespace;
        this.work = work;
        this.loss = loss;
        this.clock = clock;
        this.informerFailures = new RecentFailures(clock);
        this.informers = new NamespaceInformers(cluster.api(), namespace, instanceId, this);
    }

    /** Its steps, whether it has synced, what the informers hold and how they failed (for the executor's state). */
    String describe() {
        return "cluster=" + cluster.name() + " namespace=" + namespace + ": " + byPod.size() + " steps, "
                + (synced ? "synced" : "not synced yet") + (closed ? ", closed" : "") + ", " + informers.describe()
                + ", informer failures: " + informerFailures;
    }

    void track(TrackedStep step) {
        byPod.put(step.ref.stepId(), step);
        byNode.put(step.request.nodeId(), step);
    }

    void forget(TrackedStep step) {
        byPod.remove(step.ref.stepId(), step);
        byNode.remove(step.request.nodeId(), step);
    }

    /** Whether no step is followed here any more. */
    boolean idle() {
        return byPod.isEmpty();
    }

    /** Runs {@code action} on the work executor once the informers hold a full list. */
    void whenSynced(Runnable action) {
        synchronized (waiting) {
            if (!synced) {
                waiting.add(action);
                return;
            }
        }
        work.execute(action);
    }

    /** Called periodically until synced; true once it is. */
    boolean checkSynced() {
        if (synced) {
            return true;
        }
        if (!informers.hasSynced()) {
            return false;
        }
        List<Runnable> ready;
        synchronized (waiting) {
            synced = true;
            ready = new ArrayList<>(waiting);
            waiting.clear();
        }
        ready.forEach(work::execute);
        return true;
    }

    Optional<PodView> cachedPod(String name) {
        return informers.pod(name).map(PodView::of);
    }

    Optional<TaskResultView> cachedResult(String nodeId) {
        return informers.taskResult(nodeId).map(TaskResultView::of);
    }

    @Override
    public void podChanged(Map<String, Object> pod) {
        TrackedStep step = byPod.get(ClusterAccess.name(pod));
        if (step != null && !step.finished()) {
            step.podSeen(PodView.of(pod));
            loss.podSeen(this, step);
        }
    }

    @Override
    public void podGone(Map<String, Object> lastKnown) {
        TrackedStep step = byPod.get(ClusterAccess.name(lastKnown));
        if (step != null && !step.finished()) {
            loss.podGone(this, step);
        }
    }

    @Override
    public void taskResultChanged(Map<String, Object> taskResult) {
        TrackedStep step = byNode.get(JsonTree.text(JsonTree.at(taskResult, "metadata", "name")));
        if (step != null && !step.finished()) {
            step.resultSeen(TaskResultView.of(taskResult));
        }
    }

    @Override
    public void listFailed(String what, ApiFailure failure) {
        informerFailures.add("list " + what + ": " + failure.getMessage());
        if (synced || !(failure.code() == 401 || failure.code() == 403 || failure.code() == 404)) {
            return;
        }
        String message = failure.code() == 404 && what.equals("workflowtaskresults")
                ? "the WorkflowTaskResult resource (argoproj.io/v1alpha1) is not installed in cluster "
                + cluster.name() + ": " + failure.getMessage()
                : "cannot list " + what + " in namespace " + namespace + " of cluster " + cluster.name() + ": "
                + failure.getMessage();
        for (TrackedStep step : byPod.values()) {
            if (!step.finished() && step.last().isEmpty()) {
                step.report(StepOutcome.error(message, clock.instant()));
            }
        }
    }

    @Override
    public void informerFailed(String what, Throwable error) {
        if (closed) {
            return;
        }
        informerFailures.add("watch " + what + ": " + describe(error));
        // One line, no stack trace: while a cluster does not answer, every watch of it breaks (the cluster's
        // contact says so once); the informer lists and watches again from where it was.
        log.log(cluster.contact().down() ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING, "watching " + what
                + " in cluster=" + cluster.name() + " namespace=" + namespace + " failed (retrying): " + describe(error));
    }

    /** The error and its causes, each as kind and message: no stack trace. */
    static String describe(Throwable error) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (Throwable t = error; t != null && depth < 4; t = t.getCause(), depth++) {
            if (depth > 0) {
                out.append(" <- ");
            }
            out.append(t.getClass().getSimpleName());
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                out.append(": ").append(t.getMessage());
            }
        }
        return out.toString();
    }

    void close() {
        closed = true;
        informers.close();
    }
}
