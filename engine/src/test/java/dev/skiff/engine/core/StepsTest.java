package dev.skiff.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.model.PodNames;
import dev.skiff.engine.model.WorkflowPhase;
import dev.skiff.spi.executor.StepRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepsTest {

    @Test
    void singleContainerWorkflowIsOnePodNodeNamedAfterTheWorkflow() {
        TestingRun run = TestingRun.run("""
                metadata: {name: hello}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      container: {image: alpine, command: [echo], args: [hello world]}
                """, new TestingSteps());
        run.assertPhase(WorkflowPhase.SUCCEEDED);
        NodeStatus root = run.nodeByName("hello");
        assertThat(root.id()).isEqualTo("hello");
        assertThat(root.type()).isEqualTo(NodeType.POD);
        assertThat(root.templateName()).isEqualTo("main");
        assertThat(root.displayName()).isEqualTo("hello");
        assertThat(root.outputs().orElseThrow().exitCode()).contains("0");
        // Argo records stdout only when the calling template refers to outputs.result (includeScriptOutput).
        assertThat(root.outputs().orElseThrow().result()).isEmpty();
        assertThat(run.status.progress()).isEqualTo("1/1");
        assertThat(run.started).hasSize(1);
        assertThat(run.started.getFirst().ref().stepId()).isEqualTo("hello");
    }

    @Test
    void sequentialAndParallelStepsHaveArgosNodeShape() {
        TestingRun run = TestingRun.run("""
                metadata: {name: steps}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - {name: hello1, template: echo}
                        - - {name: hello2a, template: echo}
                          - {name: hello2b, template: echo}
                    - name: echo
                      container: {image: alpine, command: [echo], args: [hi]}
                """, new TestingSteps());
        run.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(run.status.nodes()).hasSize(6);
        NodeStatus root = run.nodeByName("steps");
        assertThat(root.type()).isEqualTo(NodeType.STEPS);
        NodeStatus sg0 = run.node("[0]");
        NodeStatus sg1 = run.node("[1]");
        NodeStatus h1 = run.node("hello1");
        assertThat(sg0.name()).isEqualTo("steps[0]");
        assertThat(sg0.id()).isEqualTo("steps-" + PodNames.fnv32a("steps[0]"));
        assertThat(sg0.type()).isEqualTo(NodeType.STEP_GROUP);
        assertThat(sg0.boundaryId()).isEqualTo("steps");
        assertThat(sg0.templateName()).isEmpty();
        assertThat(h1.name()).isEqualTo("steps[0].hello1");
        assertThat(h1.boundaryId()).isEqualTo("steps");
        assertThat(run.children(root)).containsExactly("[0]");
        assertThat(run.children(sg0)).containsExactly("hello1");
        assertThat(run.children(h1)).containsExactly("[1]");
        assertThat(run.children(sg1)).containsExactly("hello2a", "hello2b");
        assertThat(run.outbound(root)).containsExactly("hello2a", "hello2b");
        assertThat(run.status.progress()).isEqualTo("3/3");
        // Argo sums the pods reachable through children: the first group reaches all three.
        assertThat(sg0.progress()).isEqualTo("3/3");
        assertThat(sg1.progress()).isEqualTo("2/2");
        assertThat(run.started).extracting(r -> r.ref().stepId())
                .contains("steps-echo-" + PodNames.fnv32a("steps[0].hello1"));
    }

    @Test
    void failingStepFailsGroupAndWorkflowWithArgosMessages() {
        TestingRun run = TestingRun.run("""
                metadata: {name: fail}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - {name: ok, template: echo}
                          - {name: bad, template: boom}
                        - - {name: never, template: echo}
                    - name: echo
                      container: {image: alpine, command: [echo]}
                    - name: boom
                      container: {image: alpine, command: [sh, -c, exit 3]}
                """, new TestingSteps().on("boom", TestingSteps.Behaviour.exit(3)));
        run.assertPhase(WorkflowPhase.FAILED);
        NodeStatus bad = run.node("bad");
        assertThat(bad.phase()).isEqualTo(NodePhase.FAILED);
        assertThat(bad.message()).isEqualTo("main: Error (exit code 3)");
        NodeStatus sg0 = run.node("[0]");
        assertThat(sg0.message()).isEqualTo("child '" + bad.id() + "' failed");
        assertThat(run.status.message()).isEqualTo("child '" + bad.id() + "' failed");
        assertThat(run.status.nodes().values()).extracting(NodeStatus::displayName).doesNotContain("never", "[1]");
        assertThat(run.status.progress()).isEqualTo("1/2");
        assertThat(run.outbound(run.nodeByName("fail"))).containsExactly("ok", "bad");
    }

    @Test
    void continueOnFailedLetsTheNextGroupRun() {
        // Argo's e2e TestContinueOnFail (test/e2e/functional_test.go): Succeeded, 7 nodes, B failed with one
        // child and one outbound node.
        TestingRun run = TestingRun.run("""
                metadata: {name: continue-on-fail}
                spec:
                  entrypoint: main
                  parallelism: 2
                  templates:
                  - name: main
                    steps:
                    - - {name: A, template: whalesay}
                      - {name: B, template: boom, continueOn: {failed: true}}
                    - - {name: C, template: whalesay}
                  - name: boom
                    dag:
                      tasks:
                      - {name: B-1, template: whalesplosion}
                  - name: whalesay
                    container: {image: argoproj/argosay:v2}
                  - name: whalesplosion
                    container: {image: argoproj/argosay:v2, args: [exit, "1"]}
                """, new TestingSteps().on("whalesplosion", TestingSteps.Behaviour.exit(1)));
        run.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(run.status.nodes()).hasSize(7);
        NodeStatus b = run.node("B");
        assertThat(b.type()).isEqualTo(NodeType.DAG);
        assertThat(b.phase()).isEqualTo(NodePhase.FAILED);
        assertThat(b.children()).hasSize(1);
        assertThat(b.outboundNodes()).hasSize(1);
        assertThat(run.children(run.node("B-1"))).containsExactly("[1]");
        assertThat(run.node("C").phase()).isEqualTo(NodePhase.SUCCEEDED);
    }

    @Test
    void outputsResultAndParametersFlowToLaterSteps() {
        TestingRun run = TestingRun.run("""
                metadata: {name: out}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - {name: gen, template: gen}
                        - - name: use
                            template: print
                            arguments:
                              parameters:
                                - {name: msg, value: "{{steps.gen.outputs.result}}-{{steps.gen.outputs.parameters.p}}"}
                    - name: gen
                      script: {image: python, command: [python3], source: "print(42)"}
                      outputs:
                        parameters:
                          - name: p
                            valueFrom: {path: /tmp/p}
                    - name: print
                      inputs: {parameters: [{name: msg}]}
                      container: {image: alpine, command: [echo], args: ["{{inputs.parameters.msg}}"]}
                """, new TestingSteps().on("gen", TestingSteps.Behaviour.ok("42").withOutput("p", "x")));
        run.assertPhase(WorkflowPhase.SUCCEEDED);
        NodeStatus gen = run.node("gen");
        assertThat(gen.outputs().orElseThrow().result()).contains("42");
        assertThat(run.param(gen, "p")).isEqualTo("x");
        assertThat(gen.outputs().orElseThrow().parameter("p").orElseThrow().valueFrom()).isPresent();
        NodeStatus use = run.node("use");
        assertThat(use.inputs().orElseThrow().parameter("msg").orElseThrow().value()).contains("42-x");
        StepRequest last = run.started.getLast();
        assertThat(last.command().args()).containsExactly("42-x");
        assertThat(run.started.getFirst().command().scriptSource()).contains("print(42)");
    }

    @Test
    void aScriptWithoutSourceRunsLikeAContainerWithNoScriptFile() {
        // Argo appends the script file's path to the args only when script.source is not empty.
        TestingRun run = TestingRun.run("""
                metadata: {name: nosource}
                spec:
                  entrypoint: gen
                  templates:
                    - name: gen
                      script: {image: argoproj/argosay:v2, args: [echo, "[]"]}
                """, new TestingSteps());
        run.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(run.started.getFirst().command().scriptSource()).isEmpty();
        assertThat(run.started.getFirst().command().args()).containsExactly("echo", "[]");
    }

    private record Ignored(List<String> x) {
    }
}
