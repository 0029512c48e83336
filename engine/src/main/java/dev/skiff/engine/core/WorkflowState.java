package dev.skiff.engine.core;

import dev.skiff.engine.model.Condition;
import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.WorkflowPhase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The workflow-level part of the status, with Argo's markWorkflowPhase. */
final class WorkflowState {

    static final String LABEL_PHASE = "workflows.argoproj.io/phase";
    static final String LABEL_COMPLETED = "workflows.argoproj.io/completed";

    private final RunState state;
    private Optional<WorkflowPhase> phase;
    private Optional<Instant> startedAt;
    private Optional<Instant> finishedAt;
    private String message;
    private final Map<String, String> labels;
    private final List<Condition> conditions;

    WorkflowState(RunState state, Optional<WorkflowPhase> phase, Optional<Instant> startedAt,
                  Optional<Instant> finishedAt, String message, Map<String, String> labels,
                  List<Condition> conditions) {
        this.state = state;
        this.phase = phase;
        this.startedAt = startedAt;
        this.finishedAt = finishedAt;
        this.message = message;
        this.labels = new LinkedHashMap<>(labels);
        this.conditions = new ArrayList<>(conditions);
    }

    Optional<WorkflowPhase> phase() {
        return phase;
    }

    Optional<Instant> startedAt() {
        return startedAt;
    }

    Optional<Instant> finishedAt() {
        return finishedAt;
    }

    String message() {
        return message;
    }

    Map<String, String> labels() {
        return labels;
    }

    List<Condition> conditions() {
        return conditions;
    }

    /** Argo's markWorkflowPhase. */
    void mark(WorkflowPhase newPhase, String newMessage) {
        if (phase.isEmpty() || phase.get() != newPhase) {
            phase = Optional.of(newPhase);
            labels.put(LABEL_PHASE, newPhase.argoName());
            labels.putIfAbsent(LABEL_COMPLETED, "false");
            state.touch();
        }
        if (startedAt.isEmpty() && newPhase != WorkflowPhase.PENDING) {
            startedAt = Optional.of(state.now());
            state.touch();
        }
        if (!message.equals(newMessage)) {
            message = newMessage;
            state.touch();
        }
        if (newPhase.isDone()) {
            finishedAt = Optional.of(state.now());
            labels.put(LABEL_COMPLETED, "true");
            upsert(new Condition("PodRunning", "False", ""));
            upsert(new Condition("Completed", "True", ""));
            state.touch();
        }
    }

    /** Argo's markWorkflowError: a running entry node errors too. */
    void markError(String newMessage, RunState nodes) {
        mark(WorkflowPhase.ERROR, newMessage);
        NodeStatus root = nodes.byId(nodes.workflowName());
        if (root != null && root.phase() == NodePhase.RUNNING) {
            nodes.markPhase(root.name(), NodePhase.ERROR, "Workflow operation error");
        }
    }

    private void upsert(Condition condition) {
        conditions.removeIf(c -> c.type().equals(condition.type()));
        conditions.add(condition);
    }
}
