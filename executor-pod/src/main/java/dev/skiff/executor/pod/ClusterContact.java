package dev.skiff.executor.pod;

import dev.skiff.executor.pod.kube.ServerContact;
import dev.skiff.spi.executor.ClusterReachability;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether one cluster's API server answers, as every request and watch of the executor to it finds out (all
 * identities: the executor's own and the tenants'). Changes are reported to the engine and logged once each; work
 * waiting for the cluster to answer again (pod creations that got no answer) runs as soon as it does, not when its
 * back-off ends. Deciding what an outage means for steps is the engine's business.
 */
final class ClusterContact implements ServerContact {

    private final String cluster;
    private final ClusterReachability engine;
    private final System.Logger log;
    private final List<Runnable> onReturn = new ArrayList<>();
    private volatile boolean down;

    ClusterContact(String cluster, ClusterReachability engine, System.Logger log) {
        this.cluster = cluster;
        this.engine = engine;
        this.log = log;
    }

    /** Whether the last request to the cluster got no answer. */
    boolean down() {
        return down;
    }

    @Override
    public void answered() {
        if (!down) {
            return;
        }
        List<Runnable> waiting;
        synchronized (this) {
            if (!down) {
                return;
            }
            down = false;
            waiting = new ArrayList<>(onReturn);
            onReturn.clear();
            // Reported under the lock, so that the engine sees the changes in the order they happened.
            engine.report(cluster, true, "");
        }
        log.log(System.Logger.Level.INFO, "cluster=" + cluster + " answers again; pod creations waiting for it run now");
        waiting.forEach(Runnable::run);
    }

    @Override
    public void noAnswer(String cause) {
        if (down) {
            return;
        }
        synchronized (this) {
            if (down) {
                return;
            }
            down = true;
            engine.report(cluster, false, cause);
        }
        log.log(System.Logger.Level.WARNING, "cluster=" + cluster + " does not answer: " + cause);
    }

    /** Runs {@code action} once the cluster answers again; false (and nothing kept) when it answers now. */
    synchronized boolean whenAnswering(Runnable action) {
        if (!down) {
            return false;
        }
        onReturn.add(action);
        return true;
    }
}
