package dev.skiff.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.model.WorkflowPhase;
import org.junit.jupiter.api.Test;

class ConditionsTest {

    private static final String COIN_FLIP = """
            metadata: {name: coinflip}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: flip-coin, template: flip-coin}
                    - - {name: heads, template: heads, when: "{{steps.flip-coin.outputs.result}} == heads"}
                      - {name: tails, template: tails, when: "{{steps.flip-coin.outputs.result}} == tails"}
                - name: flip-coin
                  script: {image: python, command: [python], source: "print('heads')"}
                - name: heads
                  container: {image: alpine, command: [sh, -c], args: ["echo heads"]}
                - name: tails
                  container: {image: alpine, command: [sh, -c], args: ["echo tails"]}
            """;

    @Test
    void whenFalseMakesASkippedNodeWithArgosMessage() {
        // examples/coinflip.yaml
        TestingRun run = TestingRun.run(COIN_FLIP, new TestingSteps().on("flip-coin", TestingSteps.Behaviour.ok("heads")));
        run.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(run.node("heads").phase()).isEqualTo(NodePhase.SUCCEEDED);
        NodeStatus tails = run.node("tails");
        assertThat(tails.type()).isEqualTo(NodeType.SKIPPED);
        assertThat(tails.phase()).isEqualTo(NodePhase.SKIPPED);
        assertThat(tails.message()).isEqualTo("when 'heads == tails' evaluated false");
        assertThat(tails.templateName()).isEqualTo("tails");
        assertThat(run.children(run.node("[1]"))).containsExactly("heads", "tails");
        assertThat(run.outbound(run.nodeByName("coinflip"))).containsExactly("heads", "tails");
        assertThat(run.status.progress()).isEqualTo("2/2");
    }

    @Test
    void dagWhenWithExpressionTags() {
        TestingRun run = TestingRun.run("""
                metadata: {name: dagwhen}
                spec:
                  entrypoint: main
                  arguments: {parameters: [{name: n, value: "3"}]}
                  templates:
                    - name: main
                      dag:
                        tasks:
                          - {name: big, template: echo, when: "{{=asInt(workflow.parameters.n) > 2}}"}
                          - {name: small, template: echo, when: "{{workflow.parameters.n}} < 2"}
                          - {name: after, template: echo, depends: "big && small"}
                    - name: echo
                      container: {image: alpine}
                """, new TestingSteps());
        run.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(run.node("big").phase()).isEqualTo(NodePhase.SUCCEEDED);
        assertThat(run.node("small").phase()).isEqualTo(NodePhase.SKIPPED);
        assertThat(run.node("small").message()).isEqualTo("when '3 < 2' evaluated false");
        // A skipped dependency satisfies a bare depends.
        assertThat(run.node("after").phase()).isEqualTo(NodePhase.SUCCEEDED);
    }

    @Test
    void unparsableWhenErrorsTheStepAndItsGroup() {
        TestingRun run = TestingRun.run("""
                metadata: {name: badwhen}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - {name: x, template: echo, when: "1 == == 1"}
                    - name: echo
                      container: {image: alpine}
                """, new TestingSteps());
        run.assertPhase(WorkflowPhase.FAILED);
        assertThat(run.node("[0]").phase()).isEqualTo(NodePhase.ERROR);
        assertThat(run.node("[0]").message()).startsWith("failed to resolve references: ");
    }
}
