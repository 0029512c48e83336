package dev.skiff.engine.controller;

import dev.skiff.engine.core.Observation;
import dev.skiff.spi.executor.StepListener;
import dev.skiff.spi.executor.StepOutcome;
import dev.skiff.spi.executor.StepRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The executor's reports, kept until the next sync of their workflow: the latest outcome per node (a later
 * report replaces an earlier one that was not taken yet), each report enqueueing its workflow. The one
 * {@link StepListener} the controller hands the executor: a step is routed to its workflow and node by the ref it
 * was started with.
 */
final class StepReports implements StepListener {

    private record Route(WorkflowKey key, String nodeId) {
    }

    private final Map<StepRef, Route> routes = new ConcurrentHashMap<>();
    private final Map<WorkflowKey, Map<String, StepOutcome>> pending = new ConcurrentHashMap<>();
    private final Consumer<WorkflowKey> enqueue;

    StepReports(Consumer<WorkflowKey> enqueue) {
        this.enqueue = enqueue;
    }

    /** Reports for {@code ref} belong to this workflow's node. */
    void route(StepRef ref, WorkflowKey key, String nodeId) {
        routes.put(ref, new Route(key, nodeId));
    }

    @Override
    public void onChange(StepRef ref, StepOutcome outcome) {
        Route route = routes.get(ref);
        if (route == null) {
            return;
        }
        pending.compute(route.key, (k, byNode) -> {
            Map<String, StepOutcome> map = byNode == null ? new LinkedHashMap<>() : byNode;
            map.remove(route.nodeId);
            map.put(route.nodeId, outcome);
            return map;
        });
        enqueue.accept(route.key);
    }

    /** Takes the reports waiting for this workflow, oldest node first. */
    List<Observation> drain(WorkflowKey key) {
        Map<String, StepOutcome> taken = pending.remove(key);
        List<Observation> out = new ArrayList<>();
        if (taken != null) {
            taken.forEach((node, outcome) -> out.add(new Observation.StepObserved(node, outcome)));
        }
        return out;
    }

    /** Puts back reports a sync took but could not record; newer reports that came meanwhile win. */
    void restore(WorkflowKey key, List<Observation> taken) {
        if (taken.isEmpty()) {
            return;
        }
        pending.compute(key, (k, byNode) -> {
            Map<String, StepOutcome> map = new LinkedHashMap<>();
            for (Observation o : taken) {
                if (o instanceof Observation.StepObserved s) {
                    map.put(s.nodeId(), s.outcome());
                }
            }
            if (byNode != null) {
                byNode.forEach((node, outcome) -> {
                    map.remove(node);
                    map.put(node, outcome);
                });
            }
            return map;
        });
    }

    /** The workflow is gone: its routes and reports are dropped. */
    void forget(WorkflowKey key) {
        pending.remove(key);
        routes.values().removeIf(r -> r.key.equals(key));
    }

    /** Routes known (for tests and metrics). */
    int routeCount() {
        return routes.size();
    }
}
