package dev.skiff.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.model.PodNames;
import dev.skiff.engine.model.WorkflowPhase;
import org.junit.jupiter.api.Test;

class DagTest {

    private static final String ECHO = "    - name: echo\n"
            + "      container: {image: alpine, command: [echo]}\n"
            + "    - name: fail\n"
            + "      container: {image: alpine, command: [false]}\n";

    @Test
    void diamondHangsEachTaskFromItsDependencies() {
        // Shape of Argo's examples/dag-diamond.yaml: children follow dependencies, outbound is the leaf.
        TestingRun run = TestingRun.run("""
                metadata: {name: diamond}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      dag:
                        tasks:
                          - {name: A, template: echo}
                          - {name: B, template: echo, dependencies: [A]}
                          - {name: C, template: echo, dependencies: [A]}
                          - {name: D, template: echo, dependencies: [B, C]}
                """ + ECHO, new TestingSteps());
        run.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(run.status.nodes()).hasSize(5);
        NodeStatus root = run.nodeByName("diamond");
        NodeStatus a = run.node("A");
        assertThat(root.type()).isEqualTo(NodeType.DAG);
        assertThat(a.name()).isEqualTo("diamond.A");
        assertThat(a.id()).isEqualTo("diamond-" + PodNames.fnv32a("diamond.A"));
        assertThat(a.boundaryId()).isEqualTo("diamond");
        assertThat(run.children(root)).containsExactly("A");
        assertThat(run.children(a)).containsExactly("B", "C");
        assertThat(run.children(run.node("B"))).containsExactly("D");
        assertThat(run.children(run.node("C"))).containsExactly("D");
        assertThat(run.outbound(root)).containsExactly("D");
        assertThat(run.status.progress()).isEqualTo("4/4");
        assertThat(root.progress()).isEqualTo("4/4");
        assertThat(run.node("D").startedAt()).isEqualTo(run.node("B").finishedAt());
    }

    @Test
    void enhancedDependsRunsOnFailureAndOmitsWhatIsNotMet() {
        // Argo's assessDAGPhase walks from the DAG's children: a completed task sets its branch's phase, an
        // omitted one inherits it; the only target (either) succeeded, so the DAG succeeds although A failed.
        TestingRun run = TestingRun.run("""
                metadata: {name: depends}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      dag:
                        tasks:
                          - {name: A, template: fail}
                          - {name: on-fail, template: echo, depends: A.Failed}
                          - {name: on-success, template: echo, depends: A}
                          - {name: either, template: echo, depends: on-fail.Succeeded || on-success.Succeeded}
                """ + ECHO, new TestingSteps().on("fail", TestingSteps.Behaviour.exit(1)));
        run.assertPhase(WorkflowPhase.SUCCEEDED);
        NodeStatus omitted = run.node("on-success");
        assertThat(omitted.type()).isEqualTo(NodeType.SKIPPED);
        assertThat(omitted.phase()).isEqualTo(NodePhase.OMITTED);
        assertThat(omitted.message()).isEqualTo("omitted: depends condition not met");
        assertThat(omitted.templateName()).isEqualTo("echo");
        assertThat(run.node("on-fail").phase()).isEqualTo(NodePhase.SUCCEEDED);
        assertThat(run.node("either").phase()).isEqualTo(NodePhase.SUCCEEDED);
        assertThat(run.children(run.node("A"))).containsExactlyInAnyOrder("on-fail", "on-success");
        assertThat(run.children(omitted)).containsExactly("either");
        assertThat(run.status.message()).isEmpty();
        assertThat(run.status.progress()).isEqualTo("2/3");
    }

    @Test
    void omittedTargetInheritsItsFailedBranch() {
        TestingRun run = TestingRun.run("""
                metadata: {name: omit}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      dag:
                        tasks:
                          - {name: A, template: fail}
                          - {name: B, template: echo, depends: A}
                """ + ECHO, new TestingSteps().on("fail", TestingSteps.Behaviour.exit(1)));
        run.assertPhase(WorkflowPhase.FAILED);
        assertThat(run.node("B").phase()).isEqualTo(NodePhase.OMITTED);
        assertThat(run.outbound(run.nodeByName("omit"))).containsExactly("B");
    }

    @Test
    void continueOnFailedTaskLetsDependentsRunAndTheDagSucceed() {
        // Argo's e2e TestContinueOnFailDag.
        TestingRun run = TestingRun.run("""
                metadata: {name: cof}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      dag:
                        failFast: false
                        tasks:
                          - {name: F, template: fail, continueOn: {failed: true}}
                          - {name: P, template: echo, dependencies: [F]}
                """ + ECHO, new TestingSteps().on("fail", TestingSteps.Behaviour.exit(1)));
        run.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(run.node("F").phase()).isEqualTo(NodePhase.FAILED);
        assertThat(run.node("P").phase()).isEqualTo(NodePhase.SUCCEEDED);
    }

    @Test
    void failedTaskWaitsForRunningBranchesThenFailsTheDag() {
        TestingRun run = TestingRun.run("""
                metadata: {name: ff}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      dag:
                        tasks:
                          - {name: bad, template: fail}
                          - {name: slow, template: slow}
                          - {name: after-bad, template: echo, dependencies: [bad]}
                    - name: slow
                      container: {image: alpine}
                """ + ECHO, new TestingSteps().on("fail", TestingSteps.Behaviour.exit(2))
                .on("slow", TestingSteps.Behaviour.ok("").taking(java.time.Duration.ofSeconds(30))));
        run.assertPhase(WorkflowPhase.FAILED);
        assertThat(run.node("slow").phase()).isEqualTo(NodePhase.SUCCEEDED);
        assertThat(run.node("after-bad").phase()).isEqualTo(NodePhase.OMITTED);
        assertThat(run.nodeByName("ff").finishedAt()).contains(TestingRun.T0.plusSeconds(30));
        assertThat(run.outbound(run.nodeByName("ff"))).containsExactly("after-bad", "slow");
    }

    @Test
    void independentTasksStartInArgosOrderOfSortedTargets() {
        // Argo's executeDAG walks the leaf tasks sorted by name, each after its dependencies.
        TestingRun run = TestingRun.run("""
                metadata: {name: order}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      dag:
                        tasks:
                          - {name: zeta, template: echo}
                          - {name: beta, template: echo, depends: zeta}
                          - {name: alpha, template: echo}
                """ + ECHO, new TestingSteps());
        run.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(run.children(run.nodeByName("order"))).containsExactly("alpha", "zeta");
        assertThat(run.outbound(run.nodeByName("order"))).containsExactly("alpha", "beta");
    }

    @Test
    void targetRunsOnlyTheTargetAndItsDependencies() {
        TestingRun run = TestingRun.run("""
                metadata: {name: target}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      dag:
                        target: B
                        tasks:
                          - {name: A, template: echo}
                          - {name: B, template: echo, depends: A}
                          - {name: C, template: echo, depends: A}
                """ + ECHO, new TestingSteps());
        run.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(run.status.nodes().values()).extracting(NodeStatus::displayName)
                .containsExactlyInAnyOrder("target", "A", "B");
        assertThat(run.outbound(run.nodeByName("target"))).containsExactly("B");
    }

    @Test
    void taskOutputsFlowToDependentsAndTheDagsOutputs() {
        TestingRun run = TestingRun.run("""
                metadata: {name: outputs}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      outputs:
                        parameters:
                          - name: final
                            valueFrom: {parameter: "{{tasks.consume.outputs.result}}"}
                      dag:
                        tasks:
                          - {name: produce-it, template: produce}
                          - name: consume
                            depends: produce-it
                            template: consume
                            arguments:
                              parameters: [{name: in, value: "{{tasks.produce-it.outputs.parameters.out}}"}]
                    - name: produce
                      container: {image: alpine}
                      outputs:
                        parameters:
                          - {name: out, valueFrom: {path: /tmp/out}, globalName: exported}
                    - name: consume
                      inputs: {parameters: [{name: in}]}
                      container: {image: alpine, command: [echo], args: ["got {{inputs.parameters.in}}"]}
                """, new TestingSteps().on("produce", TestingSteps.Behaviour.ok("").withOutput("out", "v1")));
        run.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(run.node("consume").outputs().orElseThrow().result()).contains("got v1");
        assertThat(run.param(run.nodeByName("outputs"), "final")).isEqualTo("got v1");
        assertThat(run.status.outputs().orElseThrow().parameter("exported").orElseThrow().value()).contains("v1");
    }

    @Test
    void aTaskWhoseArgumentIsAnAbsentOptionalErrorsAndTheDagEndsError() {
        // Argo's e2e TestDAGSkippedOutputRef / TestDAGOmittedOutputRef: the consumer of a skipped task's
        // default-less output errors terminally ("absent optional"); the DAG and the workflow end Error.
        TestingRun run = TestingRun.run("""
                metadata: {name: absent}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      dag:
                        tasks:
                          - {name: a, template: produce, when: "false"}
                          - name: c
                            template: say
                            depends: a
                            arguments:
                              parameters: [{name: m, value: "{{tasks.a.outputs.parameters.out}}"}]
                    - name: produce
                      container: {image: alpine, command: [sh, -c, "echo v > /tmp/o"]}
                      outputs:
                        parameters: [{name: out, valueFrom: {path: /tmp/o}}]
                    - name: say
                      inputs: {parameters: [{name: m}]}
                      container: {image: alpine, command: [echo, "{{inputs.parameters.m}}"]}
                """, new TestingSteps());
        run.assertPhase(WorkflowPhase.ERROR);
        assertThat(run.status.message()).isEmpty();
        NodeStatus root = run.nodeByName("absent");
        assertThat(root.phase()).isEqualTo(NodePhase.ERROR);
        assertThat(root.message()).isEmpty();
        NodeStatus c = run.node("c");
        assertThat(c.type()).isEqualTo(NodeType.SKIPPED);
        assertThat(c.phase()).isEqualTo(NodePhase.ERROR);
        assertThat(c.message()).isEqualTo("task 'absent.c' errored: inputs.parameters.m: argument references an absent"
                + " optional (skipped/omitted node output with no default)");
    }
}
