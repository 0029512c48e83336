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
        return run(yaml, steps, params, interventions, List.of());
    }

    /**
     * Runs a workflow whose spec is patched from outside at given times, as a controller sees it: at each
     * patch the reconciler is rebuilt from the workflow with its status so far (running steps are re-attached:
     * a start of a step that is still running only reports it running again).
     */
    static TestingRun run(String yaml, TestingSteps steps, Map<String, String> params,
                          List<Map.Entry<Instant, Observation>> interventions,
                          List<Map.Entry<Instant, java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode>>>
                                  specPatches) {
        return run(yaml, steps, params, interventions, specPatches, Boolean.getBoolean("skiff.test.rebuild"),
                ReconcileLimits.DEFAULT);
    }

    /** Likewise, with a reconciler keeping to {@code limits}. */
    static TestingRun run(String yaml, TestingSteps steps, Map<String, String> params,
                          List<Map.Entry<Instant, Observation>> interventions, ReconcileLimits limits) {
        return run(yaml, steps, params, interventions, List.of(), Boolean.getBoolean("skiff.test.rebuild"), limits);
    }

    /**
     * Runs a workflow with a new reconciler, built from the workflow saved as JSON, before every reconcile but
     * the first: what a controller that restarts all the time does.
     */
    static TestingRun runRebuilding(String yaml, TestingSteps steps) {
        return run(yaml, steps, Map.of(), List.of(), List.of(), true, ReconcileLimits.DEFAULT);
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
        return run(wf, steps, interventions, List.of(), Boolean.getBoolean("skiff.test.rebuild"), limits, templates);
    }

    private static TestingRun run(String yaml, TestingSteps steps, Map<String, String> params,
                          List<Map.Entry<Instant, Observation>> interventions,
                          List<Map.Entry<Instant, java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode>>>
                                  specPatches, boolean rebuildEveryTime, ReconcileLimits limits) {
        Workflow wf = WorkflowAdmission.admit(WorkflowCodec.read(yaml, "test.yaml"), params, T0, new Random(7));
        return run(wf, steps, interventions, specPatches, rebuildEveryTime, limits, WorkflowTemplates.NONE);
    }

    /** A run whose {@code configMapKeyRef} parameters are read from {@code configMaps}. */
    static TestingRun run(String yaml, TestingSteps steps, ConfigMapStore configMaps, boolean rebuildEveryTime) {
        Workflow wf = WorkflowAdmission.admit(WorkflowCodec.read(yaml, "test.yaml"), Map.of(), T0, new Random(7));
        return run(wf, steps, List.of(), List.of(), rebuildEveryTime, ReconcileLimits.DEFAULT, WorkflowTemplates.NONE,
                configMaps);
    }

    private static TestingRun run(Workflow wf, TestingSteps steps, List<Map.Entry<Instant, Observation>> interventions,
                          List<Map.Entry<Instant, java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode>>>
                                  specPatches, boolean rebuildEveryTime, ReconcileLimits limits,
                          WorkflowTemplates templates) {
        return run(wf, steps, interventions, specPatches, rebuildEveryTime, limits, templates, ConfigMapStore.NONE);
    }

    private static TestingRun run(Workflow wf, TestingSteps steps, List<Map.Entry<Instant, Observation>> interventions,
                          List<Map.Entry<Instant, java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode>>>
                                  specPatches, boolean rebuildEveryTime, ReconcileLimits limits,
                          WorkflowTemplates templates, ConfigMapStore configMaps) {
        WorkflowReconciler reconciler = WorkflowReconciler.of(wf, REPOSITORY, limits, templates, configMaps);
        TreeMap<Instant, List<java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode>>> patches =
                new TreeMap<>();
        specPatches.forEach(e -> patches.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        TreeMap<Instant, List<Observation>> events = new TreeMap<>();
        interventions.forEach(e -> events.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        TreeMap<Instant, Boolean> wakes = new TreeMap<>();
        Map<String, Instant> runningUntil = new java.util.HashMap<>();
        Map<String, Observation> finals = new java.util.HashMap<>();
        List<StepRequest> started = new ArrayList<>();
        List<String> stopped = new ArrayList<>();
        Instant now = T0;
        List<Observation> batch = new ArrayList<>();
        int reconciles = 0;
        Instant rebuiltAt = T0;
        int rebuilds = 0;
        while (true) {
            if (rebuildEveryTime && reconciles > 0 && now.isAfter(rebuiltAt)) {
                // Once per point in time, as a controller does when the object changed: rebuild and reconcile once
                // with nothing new, then hand over what happened (a rebuilt reconciler re-attaches running steps,
                // which report at once).
                reconciler = WorkflowReconciler.of(WorkflowCodec.read(WorkflowCodec.toJson(reconciler.workflow()),
                        "saved.json"), REPOSITORY, limits, templates, configMaps);
                rebuiltAt = now;
                // Every other time the reports come with the rebuild (reports on steps the new reconciler has
                // not visited yet), else after a first reconcile of nothing.
                if (rebuilds++ % 2 == 0) {
                    events.computeIfAbsent(now, k -> new ArrayList<>()).addAll(0, batch);
                    batch = new ArrayList<>();
                }
            }
            if (!patches.isEmpty() && !patches.firstKey().isAfter(now)) {
                var tree = WorkflowCodec.toTree(reconciler.workflow());
                patches.pollFirstEntry().getValue().forEach(p -> p.accept(tree.withObjectProperty("spec")));
                reconciler = WorkflowReconciler.of(WorkflowCodec.read(tree.toString(), "patched.json"), REPOSITORY, limits,
                        templates, configMaps);
            }
            Reconciliation r = reconciler.reconcile(batch, now);
            reconciles++;
            batch = new ArrayList<>();
            for (Decision d : r.decisions()) {
                switch (d) {
                    case Decision.StartStep s -> {
                        String attachedId = s.request().nodeId();
                        if (runningUntil.containsKey(attachedId)) {
                            // Re-attached by a rebuilt reconciler: the executor reports the step's state at once.
                            Observation state = runningUntil.get(attachedId).isAfter(now)
                                    ? new Observation.StepObserved(attachedId, TestingSteps.running(now))
                                    : finals.get(attachedId);
                            events.computeIfAbsent(now, k -> new ArrayList<>()).add(state);
                            continue;
                        }
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
                                .add(new Observation.StepObserved(nodeId, TestingSteps.running(now, s.request())));
                        Observation last = new Observation.StepObserved(nodeId, TestingSteps.finished(b, now, end,
                                s.request()));
                        finals.put(nodeId, last);
                        events.computeIfAbsent(end, k -> new ArrayList<>()).add(last);
                        runningUntil.put(nodeId, end);
                    }
                    case Decision.StopStep s -> {
                        stopped.add(s.nodeId());
                        runningUntil.remove(s.nodeId());
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
            if (!patches.isEmpty() && (nextEvent == null || patches.firstKey().isBefore(nextEvent))) {
                nextEvent = patches.firstKey();
            }
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
