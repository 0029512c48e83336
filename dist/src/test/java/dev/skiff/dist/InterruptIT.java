package dev.skiff.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping {@code skiff run} (Ctrl-C, SIGTERM, a workflow deadline) ends every process its steps started,
 * also those that ignore SIGTERM or left the step's session, before Skiff reports and exits. The steps'
 * processes are found by a variable of the test's own in their environment ({@link TestingProcesses}).
 */
@EnabledOnOs(OS.LINUX)
class InterruptIT {

    @TempDir
    Path dir;

    private final String mark = UUID.randomUUID().toString();

    @AfterEach
    void killWhatATestLeft() {
        TestingProcesses.withEnvironment("IT_MARK", mark).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    void ctrlCEndsEveryStepProcessThenPrintsTheStoppedWorkflowAndExits130() throws Exception {
        stopWhileStepsRun("INT", 130);
    }

    @Test
    void sigtermEndsEveryStepProcessThenPrintsTheStoppedWorkflowAndExits143() throws Exception {
        stopWhileStepsRun("TERM", 143);
    }

    private void stopWhileStepsRun(String signal, int exitCode) throws Exception {
        Path wf = workflow("""
                metadata: {generateName: interrupted-}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps: [[{name: stubborn, template: stubborn}, {name: spawner, template: spawner}]]
                    - name: stubborn
                      container:
                        image: alpine
                        command: [sh, -c, "trap '' TERM INT; sleep 300 & touch @READY@/stubborn; wait; wait"]
                        env: [{name: IT_MARK, value: "@MARK@"}]
                    - name: spawner
                      container:
                        image: alpine
                        command: [sh, -c, "sleep 300 & (setsid sh -c 'sleep 300' &); touch @READY@/spawner; wait"]
                        env: [{name: IT_MARK, value: "@MARK@"}]
                """);
        TestingLauncher.Running skiff = TestingLauncher.start(Map.of(), "run", wf.toString(), "-o", "json",
                "--work-dir", dir.resolve("work").toString());
        assertThat(TestingProcesses.await(() -> Files.exists(dir.resolve("stubborn")) && Files.exists(dir.resolve("spawner"))))
                .as("the steps started").isTrue();
        assertThat(TestingProcesses.withEnvironment("IT_MARK", mark)).as("the steps' processes, found").hasSizeGreaterThanOrEqualTo(4);

        skiff.signal(signal);
        TestingLauncher.Result result = skiff.awaitExit();

        var left = TestingProcesses.withEnvironment("IT_MARK", mark);
        assertThat(left).as("step processes still running:\n%s", TestingProcesses.describe(left)).isEmpty();
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(exitCode);
        JsonNode status = new ObjectMapper().readTree(result.stdout()).path("status");
        assertThat(status.path("phase").asText()).isEqualTo("Failed");
        assertThat(status.path("message").asText()).isEqualTo("Stopped with strategy 'Stop'");
        assertThat(result.stderr()).contains("SIG" + signal + ": stopping the workflow");
    }

    @Test
    void aSecondCtrlCStopsARunningExitHandlerThatIgnoresSigterm() throws Exception {
        Path wf = workflow("""
                metadata: {name: handler-stopped}
                spec:
                  entrypoint: main
                  onExit: cleanup
                  templates:
                    - name: main
                      container: {image: alpine, command: ["true"]}
                    - name: cleanup
                      container:
                        image: alpine
                        command: [sh, -c, "trap '' TERM INT; touch @READY@/cleanup; sleep 300"]
                        env: [{name: IT_MARK, value: "@MARK@"}]
                """);
        TestingLauncher.Running skiff = TestingLauncher.start(Map.of(), "run", wf.toString(), "-o", "json",
                "--work-dir", dir.resolve("work").toString());
        assertThat(TestingProcesses.await(() -> Files.exists(dir.resolve("cleanup")))).as("the exit handler started").isTrue();
        assertThat(TestingProcesses.withEnvironment("IT_MARK", mark)).as("the handler's processes, found").isNotEmpty();

        skiff.signal("INT");
        assertThat(TestingProcesses.await(() -> stderr(skiff).contains("exit handlers still run"))).isTrue();
        skiff.signal("INT");
        TestingLauncher.Result result = skiff.awaitExit();

        var left = TestingProcesses.withEnvironment("IT_MARK", mark);
        assertThat(left).as("step processes still running:\n%s", TestingProcesses.describe(left)).isEmpty();
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(130);
        JsonNode wfDone = new ObjectMapper().readTree(result.stdout());
        assertThat(wfDone.path("status").path("phase").asText()).isEqualTo("Failed");
        JsonNode handler = null;
        for (JsonNode node : wfDone.path("status").path("nodes")) {
            handler = node.path("name").asText().equals("handler-stopped.onExit") ? node : handler;
        }
        assertThat(handler).as("the exit handler's node").isNotNull();
        assertThat(handler.path("phase").asText()).isEqualTo("Failed");
        assertThat(handler.path("message").asText()).isEqualTo("Stopped with strategy 'Terminate'");
    }

    @Test
    void aWorkflowDeadlineEndsAStepThatIgnoresSigtermBeforeSkiffExits() throws Exception {
        Path wf = workflow("""
                metadata: {generateName: deadline-}
                spec:
                  entrypoint: stubborn
                  activeDeadlineSeconds: 1
                  templates:
                    - name: stubborn
                      container:
                        image: alpine
                        command: [sh, -c, "trap '' TERM; sleep 300 & wait; wait"]
                        env: [{name: IT_MARK, value: "@MARK@"}]
                """);

        TestingLauncher.Running skiff = TestingLauncher.start(Map.of(), "run", wf.toString(), "-o", "json",
                "--work-dir", dir.resolve("work").toString());
        assertThat(TestingProcesses.await(() -> !TestingProcesses.withEnvironment("IT_MARK", mark).isEmpty()))
                .as("the step's processes, found").isTrue();
        TestingLauncher.Result result = skiff.awaitExit();

        var left = TestingProcesses.withEnvironment("IT_MARK", mark);
        assertThat(left).as("step processes still running:\n%s", TestingProcesses.describe(left)).isEmpty();
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
    }

    private Path workflow(String yaml) throws Exception {
        String text = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\n"
                + yaml.replace("@READY@", dir.toString()).replace("@MARK@", mark);
        return Files.writeString(dir.resolve("wf.yaml"), text);
    }

    private static String stderr(TestingLauncher.Running skiff) {
        try {
            return skiff.stderrSoFar();
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
