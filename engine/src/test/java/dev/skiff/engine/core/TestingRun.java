package dev.skiff.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowCodec;
import dev.skiff.engine.model.WorkflowPhase;
import dev.skiff.engine.model.WorkflowStatus;
import dev.skiff.spi.executor.StepRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Drives a {@link WorkflowReconciler} to the end with {@link TestingSteps} and a simulated clock that
 * starts at {@link #T0} and jumps to the next step completion or timer. No threads, no sleeping.
 */
final class TestingRun {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    /** Where the runs store artifacts (a URI only: nothing is written). */
    static final ArtifactRepository REPOSITORY = ArtifactRepository.at(java.net.URI.create("file:///repo/"));

    final Workflow workflow;
    final WorkflowStatus status;
    final List<StepRequest> started;
    final List<String> stopped;
    final int reconciles;

    private TestingRun(Workflow workflow, List<StepRequest> started, List<String> stopped, int reconciles) {
        this.workflow = workflow;
        this.status = workflow.status().orElseThrow();
        this.started = started;
        this.stopped = stopped;
        this.reconciles = reconciles;
    }

    static TestingRun run(String yaml, TestingSteps steps) {
        return run(yaml, steps, Map.of(), List.of());
    }

    /**
     * Runs a workflow. {@code interventions} are observations injected at a given time (resume, stop).
     */
    static TestingRun run(String yaml, TestingSteps steps, Map<String, String> params,
                          List<Map.Entry<Instant, Observation>> interventions) {
        return run(yaml, steps, params, interventions, ReconcileLimits.DEFAULT);
    }

    /** Likewise, with a reconciler keeping to {@code limits}. */
    static TestingRun run(String yaml, TestingSteps steps, Map<String, String> params,
                          List<Map.Entry<Instant, Observation>> interventions, ReconcileLimits limits) {
        return run(yaml, steps, params, interventions, limits, WorkflowTemplates.NONE);
    }

    /** A run whose references find WorkflowTemplates in {@code templates}. */
    static TestingRun run(String yaml, TestingSteps steps, WorkflowTemplates templates) {
        return run(yaml, steps, Map.of(), List.of(), ReconcileLimits.DEFAULT, templates);
    }

    /** Likewise, with everything given. */
    static TestingRun run(String yaml, TestingSteps steps, Map<String, String> params,
                          List<Map.Entry<Instant, Observation>> interventions, ReconcileLimits limits,
                          WorkflowTemplates templates) {
        Workflow wf = WorkflowAdmission.admit(WorkflowCodec.read(yaml, "test.yaml"), params, T0, new Random(7));
        return run(wf, steps, interventions, limits, templates);
    }

    /** Runs an admitted workflow (which may carry a status to carry on from). */
    static TestingRun run(Workflow wf, TestingSteps steps, List<Map.Entry<Instant, Observation>> interventions,
                          ReconcileLimits limits, WorkflowTemplates templates) {
        WorkflowReconciler reconciler = WorkflowReconciler.of(wf, REPOSITORY, limits, templates);
        TreeMap<Instant, List<Observation>> events = new TreeMap<>();
        interventions.forEach(e -> events.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        TreeMap<Instant, Boolean> wakes = new TreeMap<>();
        Map<String, Instant> runningUntil = new java.util.HashMap<>();
        List<StepRequest> started = new ArrayList<>();
        List<String> stopped = new ArrayList<>();
        Instant now = T0;
        List<Observation> batch = new ArrayList<>();
        int reconciles = 0;
        while (true) {
            Reconciliation r = reconciler.reconcile(batch, now);
            reconciles++;
            batch = new ArrayList<>();
            for (Decision d : r.decisions()) {
                switch (d) {
                    case Decision.StartStep s -> {
                        started.add(s.request());
                        TestingSteps.Behaviour b = steps.behaviour(s.request());
                        if (s.request().deadline().isPresent() && s.request().deadline().get().compareTo(b.duration()) < 0) {
                            // What an executor does with a deadline: kill the step and say why, as Kubernetes does.
                            b = new TestingSteps.Behaviour(137, "", Map.of(), s.request().deadline().get(), "")
                                    .killed("Pod was active on the node longer than the specified deadline");
                        }
                        Instant end = now.plus(b.duration());
                        String nodeId = s.request().nodeId();
                        events.computeIfAbsent(now, k -> new ArrayList<>())
                                .add(new Observation.StepObserved(nodeId, TestingSteps.running(now)));
                        events.computeIfAbsent(end, k -> new ArrayList<>())
                                .add(new Observation.StepObserved(nodeId, TestingSteps.finished(b, now, end, s.request())));
                        runningUntil.put(nodeId, end);
                    }
                    case Decision.StopStep s -> {
                        stopped.add(s.nodeId());
                        Instant at = now;
                        events.values().forEach(list -> list.removeIf(o -> o instanceof Observation.StepObserved so
                                && so.nodeId().equals(s.nodeId())));
                        events.computeIfAbsent(now, k -> new ArrayList<>()).add(new Observation.StepObserved(
                                s.nodeId(), new dev.skiff.spi.executor.StepOutcome(dev.skiff.spi.executor.StepPhase.FAILED,
                                        java.util.OptionalInt.of(143), Optional.of(""), Map.of(), s.reason(),
                                        Optional.of(at), Optional.of(at))));
                    }
                    case Decision.WakeAt w -> wakes.put(w.at(), true);
                }
            }
            if (r.done()) {
                break;
            }
            assertThat(reconciles).as("reconciles").isLessThan(100_000);
            Instant nextEvent = events.isEmpty() ? null : events.firstKey();
            Instant nextWake = wakes.isEmpty() ? null : wakes.firstKey();
            if (nextEvent == null && nextWake == null) {
                throw new AssertionError("workflow is stuck in phase " + r.phase() + ":\n"
                        + WorkflowCodec.toYaml(reconciler.workflow()));
            }
            Instant next = nextEvent == null ? nextWake : nextWake == null ? nextEvent
                    : nextEvent.isBefore(nextWake) ? nextEvent : nextWake;
            if (next.isAfter(now)) {
                now = next;
            }
            while (!events.isEmpty() && !events.firstKey().isAfter(now)) {
                batch.addAll(events.pollFirstEntry().getValue());
            }
            while (!wakes.isEmpty() && !wakes.firstKey().isAfter(now)) {
                wakes.pollFirstEntry();
            }
        }
        return new TestingRun(reconciler.workflow(), started, stopped, reconciles);
    }

    WorkflowPhase phase() {
        return status.phase();
    }

    /** Asserts the workflow's phase, showing the nodes when it differs. */
    TestingRun assertPhase(WorkflowPhase expected) {
        assertThat(status.phase()).as("workflow phase; message: " + status.message() + "\n" + describe())
                .isEqualTo(expected);
        return this;
    }

    String name() {
        return workflow.name();
    }

    /** The node with this display name (unique in the test). */
    NodeStatus node(String displayName) {
        List<NodeStatus> found = status.nodes().values().stream().filter(n -> n.displayName().equals(displayName))
                .toList();
        assertThat(found).as("nodes named " + displayName + " in\n" + describe()).hasSize(1);
        return found.getFirst();
    }

    NodeStatus nodeByName(String name) {
        return status.node(name).orElseThrow(() -> new AssertionError("no node " + name + " in\n" + describe()));
    }

    /** Display names of the children of a node. */
    List<String> children(NodeStatus node) {
        return node.children().stream().map(id -> status.nodes().get(id).displayName()).toList();
    }

    List<String> outbound(NodeStatus node) {
        return node.outboundNodes().stream().map(id -> status.nodes().get(id).displayName()).toList();
    }

    String param(NodeStatus node, String name) {
        return node.outputs().orElseThrow().parameter(name).orElseThrow().value().orElseThrow();
    }

    /** One line per node, for assertion messages. */
    String describe() {
        return status.nodes().values().stream().sorted(java.util.Comparator.comparing(NodeStatus::name))
                .map(n -> n.name() + " [" + n.type().argoName() + " " + n.phase().argoName() + "] " + n.message())
                .collect(Collectors.joining("\n"));
    }
}
