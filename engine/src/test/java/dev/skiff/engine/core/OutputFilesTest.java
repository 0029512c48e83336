package dev.skiff.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.Parameter;
import dev.skiff.engine.model.WorkflowPhase;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Output parameters read from files ({@code valueFrom.path}): what Argo's wait container reports
 * (SaveParameters in workflow/executor/executor.go, the emissary's GetFileContents) and how the controller
 * words a failure (inferFailedReason in workflow/controller/operator.go).
 */
class OutputFilesTest {

    private static String workflow(String container, String outputs) {
        return """
                metadata: {name: files}
                spec:
                  entrypoint: produce
                  templates:
                    - name: produce
                      %s
                      outputs: {parameters: %s}
                """.formatted(container, outputs);
    }

    private static List<Optional<String>> values(NodeStatus node) {
        return node.outputs().orElseThrow().parameters().stream().map(Parameter::value).toList();
    }

    @Test
    void aMissingFileOnAVolumeMountIsReadUnderMainctrfs() {
        TestingRun run = TestingRun.run(workflow(
                "container: {image: alpine, volumeMounts: [{name: work, mountPath: /work/}]}",
                "[{name: out, valueFrom: {path: /work//sub/out.txt}}]"), new TestingSteps());

        run.assertPhase(WorkflowPhase.ERROR);
        assertThat(run.nodeByName("files").message())
                .isEqualTo("wait: Error (exit code 64): open /mainctrfs/work/sub/out.txt: no such file or directory");
    }

    @Test
    void aScriptsVolumeMountCountsToo() {
        TestingRun run = TestingRun.run(workflow(
                "script: {image: alpine, source: 'true', volumeMounts: [{name: work, mountPath: /work}]}",
                "[{name: out, valueFrom: {path: /work/out.txt}}]"), new TestingSteps());

        assertThat(run.nodeByName("files").message()).contains("open /mainctrfs/work/out.txt:");
    }

    @Test
    void aPathBesideTheMountIsReadFromTheImageLayer() {
        TestingRun run = TestingRun.run(workflow(
                "container: {image: alpine, volumeMounts: [{name: work, mountPath: /work}]}",
                "[{name: out, valueFrom: {path: /workspace/./out.txt}}]"), new TestingSteps());

        assertThat(run.nodeByName("files").message()).isEqualTo("wait: Error (exit code 64): open "
                + "/var/run/argo/outputs/parameters/workspace/out.txt: no such file or directory");
    }

    @Test
    void aRelativePathIsJoinedAndCleaned() {
        TestingRun run = TestingRun.run(workflow("container: {image: alpine}",
                "[{name: out, valueFrom: {path: tmp/x/../out.txt}}]"), new TestingSteps());

        assertThat(run.nodeByName("files").message()).isEqualTo("wait: Error (exit code 64): open "
                + "/var/run/argo/outputs/parameters/tmp/out.txt: no such file or directory");
    }

    @Test
    void readingStopsAtTheFirstMissingFileAndEveryDeclaredParameterIsKept() {
        TestingRun run = TestingRun.run(workflow("container: {image: alpine}", """
                [{name: first, valueFrom: {path: /tmp/first}},
                 {name: defaulted, valueFrom: {path: /tmp/absent, default: "fallback\\n"}},
                 {name: missing, valueFrom: {path: /tmp/missing}},
                 {name: after, valueFrom: {path: /tmp/after}}]"""),
                new TestingSteps().on("produce", TestingSteps.Behaviour.ok("")
                        .withOutput("first", "one").withOutput("after", "written but never read")));

        NodeStatus node = run.nodeByName("files");
        assertThat(node.phase()).isEqualTo(NodePhase.ERROR);
        assertThat(node.message()).endsWith("open /var/run/argo/outputs/parameters/tmp/missing: no such file or directory");
        assertThat(node.outputs().orElseThrow().parameters()).extracting(Parameter::name)
                .containsExactly("first", "defaulted", "missing", "after");
        // The default loses one trailing newline, like a file's content.
        assertThat(values(node)).containsExactly(Optional.of("one"), Optional.of("fallback"), Optional.empty(),
                Optional.empty());
        assertThat(node.outputs().orElseThrow().exitCode()).contains("0");
    }

    @Test
    void aFailedMainContainerOutranksTheMissingFile() {
        TestingRun run = TestingRun.run(workflow("container: {image: alpine}",
                "[{name: out, valueFrom: {path: /tmp/out}}]"),
                new TestingSteps().on("produce", TestingSteps.Behaviour.exit(3)));

        NodeStatus node = run.nodeByName("files");
        assertThat(node.phase()).isEqualTo(NodePhase.FAILED);
        assertThat(node.message()).isEqualTo("main: Error (exit code 3)");
        assertThat(values(node)).containsExactly(Optional.empty());
    }

    @Test
    void aDefaultStandsInForAMissingFile() {
        TestingRun run = TestingRun.run(workflow("container: {image: alpine}",
                "[{name: out, valueFrom: {path: /tmp/out, default: none}}]"), new TestingSteps());

        run.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(values(run.nodeByName("files"))).containsExactly(Optional.of("none"));
    }
}
