package dev.skiff.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.WorkflowPhase;
import org.junit.jupiter.api.Test;

/** Lifecycle hooks other than exit, after Argo's e2e HooksSuite (test/e2e/hooks_test.go). */
class HooksTest {

    @Test
    void workflowLevelHooksRunWhenTheirExpressionHolds() {
        TestingRun run = TestingRun.run("""
                metadata: {name: lifecycle-hook}
                spec:
                  entrypoint: main
                  hooks:
                    running: {expression: workflow.status == "Running", template: argosay}
                    succeed: {expression: workflow.status == "Succeeded", template: argosay}
                  templates:
                    - name: main
                      steps: [[{name: step1, template: argosay}]]
                    - name: argosay
                      container: {image: argoproj/argosay:v2}
                """, new TestingSteps());
        run.assertPhase(WorkflowPhase.SUCCEEDED);
        NodeStatus running = run.nodeByName("lifecycle-hook.hooks.running");
        NodeStatus succeed = run.nodeByName("lifecycle-hook.hooks.succeed");
        assertThat(running.phase()).isEqualTo(NodePhase.SUCCEEDED);
        assertThat(succeed.phase()).isEqualTo(NodePhase.SUCCEEDED);
        assertThat(running.isHooked()).isTrue();
        assertThat(run.children(run.nodeByName("lifecycle-hook"))).contains("lifecycle-hook.hooks.running",
                "lifecycle-hook.hooks.succeed");
        // The workflow ends only after its hooks ended.
        assertThat(run.status.finishedAt()).isEqualTo(succeed.finishedAt());
    }

    @Test
    void stepLevelHooksSeeTheStepsStatus() {
        TestingRun run = TestingRun.run("""
                metadata: {name: tmpl-hooks}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - name: step-1
                            hooks:
                              running: {expression: 'steps["step-1"].status == "Running"', template: argosay}
                              failed: {expression: 'steps["step-1"].status == "Failed"', template: argosay}
                            template: fail
                    - name: argosay
                      container: {image: argoproj/argosay:v2}
                    - name: fail
                      container: {image: argoproj/argosay:v2}
                """, new TestingSteps().on("fail", TestingSteps.Behaviour.exit(1)));
        run.assertPhase(WorkflowPhase.FAILED);
        NodeStatus step = run.node("step-1");
        assertThat(run.children(step)).containsExactly("step-1.hooks.running", "step-1.hooks.failed");
        assertThat(run.node("step-1.hooks.failed").phase()).isEqualTo(NodePhase.SUCCEEDED);
        assertThat(run.node("step-1.hooks.failed").boundaryId()).isEqualTo("tmpl-hooks");
    }
}
