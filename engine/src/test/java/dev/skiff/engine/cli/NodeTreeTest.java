package dev.skiff.engine.cli;

import static dev.skiff.engine.cli.TestingNodes.node;
import static dev.skiff.engine.cli.TestingNodes.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.model.WorkflowPhase;
import dev.skiff.engine.model.WorkflowStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeTreeTest {

    /** wf: steps [[hello1], [hello2a, hello2b]]. */
    static WorkflowStatus stepsStatus() {
        return status(WorkflowPhase.RUNNING,
                node("wf", "wf", "wf", NodeType.STEPS, "main", NodePhase.RUNNING, "", 0, List.of("g0")),
                node("g0", "wf[0]", "[0]", NodeType.STEP_GROUP, "main", NodePhase.SUCCEEDED, "wf", 0, List.of("h1")),
                node("h1", "wf[0].hello1", "hello1", NodeType.POD, "say", NodePhase.SUCCEEDED, "wf", 0, List.of("g1")),
                node("g1", "wf[1]", "[1]", NodeType.STEP_GROUP, "main", NodePhase.RUNNING, "wf", 4, List.of("h2a", "h2b")),
                node("h2a", "wf[1].hello2a", "hello2a", NodeType.POD, "say", NodePhase.FAILED, "wf", 4, List.of()),
                node("h2b", "wf[1].hello2b", "hello2b", NodeType.POD, "say", NodePhase.RUNNING, "wf", 4, List.of()));
    }

    @Test
    void drawsStepGroupsAsForksWithoutTheirOwnLines() {
        List<String> lines = NodeTree.rows(stepsStatus()).stream()
                .map(r -> r.prefix() + r.node().displayName()).toList();

        assertThat(lines).containsExactly(" wf", " ├───hello1", " └─┬─hello2a", "   └─hello2b");
    }

    @Test
    void listsDagTasksUnderTheirDagInStartOrderAndRetriesUnderTheirNode() {
        WorkflowStatus dag = status(WorkflowPhase.RUNNING,
                node("wf", "wf", "wf", NodeType.DAG, "main", NodePhase.RUNNING, "", 0, List.of("a")),
                node("b", "wf.B", "B", NodeType.RETRY, "flaky", NodePhase.RUNNING, "wf", 5, List.of("b0", "b1")),
                node("b0", "wf.B(0)", "B(0)", NodeType.POD, "flaky", NodePhase.FAILED, "wf", 5, List.of()),
                node("b1", "wf.B(1)", "B(1)", NodeType.POD, "flaky", NodePhase.RUNNING, "wf", 9, List.of()),
                node("a", "wf.A", "A", NodeType.POD, "echo", NodePhase.SUCCEEDED, "wf", 1, List.of("b")));

        List<String> lines = NodeTree.rows(dag).stream().map(r -> r.prefix() + r.node().displayName()).toList();

        assertThat(lines).containsExactly(" wf", " ├─A", " └─B", "   ├─B(0)", "   └─B(1)");
    }

    @Test
    void showsNodesOutsideTheMainTreeAsExtraRoots() {
        WorkflowStatus withExit = status(WorkflowPhase.SUCCEEDED,
                node("wf", "wf", "wf", NodeType.POD, "main", NodePhase.SUCCEEDED, "", 0, List.of()),
                node("x", "wf.onExit", "wf.onExit", NodeType.POD, "exit", NodePhase.SUCCEEDED, "", 5, List.of()));

        assertThat(NodeTree.rows(withExit)).extracting(r -> r.node().id()).containsExactly("wf", "x");
        assertThat(NodeTree.root(withExit)).map(n -> n.id()).contains("wf");
    }
}
