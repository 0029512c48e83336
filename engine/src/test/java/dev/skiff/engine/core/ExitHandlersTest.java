package dev.skiff.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.model.WorkflowPhase;
import org.junit.jupiter.api.Test;

class ExitHandlersTest {

    @Test
    void workflowExitHandlerSeesTheFinalStatus() {
        // examples/exit-handlers.yaml
        TestingRun run = TestingRun.run("""
                metadata: {name: exit-handlers}
                spec:
                  entrypoint: intentional-fail
                  onExit: exit-handler
                  templates:
                    - name: intentional-fail
                      container: {image: alpine, command: [sh, -c], args: ["echo intentional failure; exit 1"]}
                    - name: exit-handler
                      steps:
                        - - {name: notify, template: send-email}
                          - {name: celebrate, template: celebrate, when: "{{workflow.status}} == Succeeded"}
                          - {name: cry, template: cry, when: "{{workflow.status}} != Succeeded"}
                    - name: send-email
                      container: {image: alpine, args: ["status {{workflow.status}} failures {{workflow.failures}}"]}
                    - name: celebrate
                      container: {image: alpine}
                    - name: cry
                      container: {image: alpine}
                """, new TestingSteps().on("intentional-fail", TestingSteps.Behaviour.exit(1)));
        run.assertPhase(WorkflowPhase.FAILED);
        assertThat(run.status.message()).isEqualTo("main: Error (exit code 1)");
        NodeStatus onExit = run.nodeByName("exit-handlers.onExit");
        assertThat(onExit.type()).isEqualTo(NodeType.STEPS);
        assertThat(onExit.displayName()).isEqualTo("exit-handlers.onExit");
        assertThat(onExit.boundaryId()).isEmpty();
        assertThat(onExit.isHooked()).isTrue();
        assertThat(onExit.phase()).isEqualTo(NodePhase.SUCCEEDED);
        assertThat(run.node("celebrate").message()).isEqualTo("when 'Failed == Succeeded' evaluated false");
        assertThat(run.node("cry").phase()).isEqualTo(NodePhase.SUCCEEDED);
        assertThat(run.nodeByName("exit-handlers").children()).isEmpty();
        String args = run.started.get(1).command().args().getFirst();
        assertThat(args).startsWith("status Failed failures \"[{\\\"displayName\\\":\\\"exit-handlers\\\",");
        assertThat(args).contains("\\\"podName\\\":\\\"exit-handlers\\\"");
        assertThat(run.status.nodes()).hasSize(6);
    }

    @Test
    void failedExitHandlerFailsASucceededWorkflow() {
        TestingRun run = TestingRun.run("""
                metadata: {name: exitfail}
                spec:
                  entrypoint: main
                  hooks: {exit: {template: bad}}
                  templates:
                    - name: main
                      container: {image: alpine}
                    - name: bad
                      container: {image: alpine}
                """, new TestingSteps().on("bad", TestingSteps.Behaviour.exit(2)));
        run.assertPhase(WorkflowPhase.FAILED);
        assertThat(run.status.message()).isEqualTo("main: Error (exit code 2)");
        assertThat(run.nodeByName("exitfail").phase()).isEqualTo(NodePhase.SUCCEEDED);
        assertThat(run.nodeByName("exitfail.onExit").phase()).isEqualTo(NodePhase.FAILED);
    }

    @Test
    void stepAndTaskExitHooksRunAfterTheirNodeWithItsOutputs() {
        TestingRun run = TestingRun.run("""
                metadata: {name: hooks}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      dag:
                        tasks:
                          - name: A
                            template: produce
                            hooks:
                              exit:
                                template: report
                                arguments: {parameters: [{name: v, value: "{{tasks.A.outputs.parameters.out}}"}]}
                          - {name: B, template: steps, depends: A}
                    - name: steps
                      steps:
                        - - {name: s, template: produce, onExit: plain}
                    - name: produce
                      container: {image: alpine}
                      outputs: {parameters: [{name: out, valueFrom: {path: /tmp/o}}]}
                    - name: report
                      inputs: {parameters: [{name: v}]}
                      container: {image: alpine, args: ["got {{inputs.parameters.v}}"]}
                    - name: plain
                      container: {image: alpine}
                """, new TestingSteps().on("produce", TestingSteps.Behaviour.ok("").withOutput("out", "42")));
        run.assertPhase(WorkflowPhase.SUCCEEDED);
        NodeStatus aExit = run.node("A.onExit");
        assertThat(aExit.name()).isEqualTo("hooks.A.onExit");
        assertThat(aExit.isHooked()).isTrue();
        assertThat(aExit.boundaryId()).isEqualTo("hooks");
        assertThat(run.children(run.node("A"))).containsExactly("A.onExit", "B");
        assertThat(aExit.inputs().orElseThrow().parameter("v").orElseThrow().value()).contains("42");
        NodeStatus sExit = run.node("s.onExit");
        assertThat(sExit.name()).isEqualTo("hooks.B[0].s.onExit");
        assertThat(run.children(run.node("s"))).containsExactly("s.onExit");
        // B started only after A's exit handler ended.
        assertThat(run.node("B").startedAt()).isEqualTo(aExit.finishedAt());
    }
}
