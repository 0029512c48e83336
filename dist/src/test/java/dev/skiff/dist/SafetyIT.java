package dev.skiff.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code skiff run} never deletes what it did not create, and never puts the host's private files into outputs. */
class SafetyIT {

    @TempDir
    Path dir;

    @Test
    void aWorkflowNamedLikeADirectoryInTheWorkDirectoryLeavesItAlone() throws Exception {
        Path work = Files.createDirectories(dir.resolve("project"));
        Path precious = Files.writeString(Files.createDirectories(work.resolve("build")).resolve("app.jar"), "built");
        Path wf = workflow("build");

        TestingLauncher.Result result = TestingLauncher.run(Map.of(), "run", wf.toString(), "-o", "json",
                "--work-dir", work.toString());

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
        assertThat(precious).content().isEqualTo("built");
        assertThat(work.resolve("build")).isDirectoryNotContaining(p -> !p.equals(precious));
        assertThat(result.stdout()).contains("already exists", "never clears");
    }

    @Test
    void aWorkflowNameThatClimbsOutOfTheWorkDirectoryNeverTouchesWhatItNames() throws Exception {
        Path victim = Files.createDirectories(dir.resolve("victim"));
        Path precious = Files.writeString(victim.resolve("precious.txt"), "keep me");
        Path wf = workflow("../victim");

        TestingLauncher.Result result = TestingLauncher.run(Map.of(), "run", wf.toString(), "-o", "json",
                "--work-dir", dir.resolve("work").toString());

        // Lint may refuse the name (2) or the executor the sandbox (1): either way nothing is touched.
        assertThat(result.exitCode()).as(result.stderr()).isIn(1, 2);
        assertThat(precious).content().isEqualTo("keep me");
        assertThat(victim).isDirectoryNotContaining(p -> !p.equals(precious));
    }

    @Test
    void anOutputPathTheStepDidNotWriteNeverCarriesSkiffsOwnEnvironment() throws Exception {
        String secret = "it-secret-" + System.nanoTime();
        Path wf = Files.writeString(dir.resolve("environ.yaml"), String.join("\n",
                "apiVersion: argoproj.io/v1alpha1", "kind: Workflow", "metadata: {generateName: environ-}",
                "spec:", "  entrypoint: main", "  templates:",
                "    - name: main",
                "      container: {image: alpine, command: [\"true\"]}",
                "      outputs:",
                "        parameters:",
                "          - {name: environ, valueFrom: {path: /proc/self/environ}}",
                "          - {name: passwd, valueFrom: {path: /etc/passwd, default: none}}", ""));

        TestingLauncher.Result result = TestingLauncher.run(Map.of("AWS_SECRET_ACCESS_KEY", secret), "run",
                wf.toString(), "-o", "json", "--work-dir", dir.resolve("work").toString());

        assertThat(result.stdout()).contains("open /var/run/argo/outputs/parameters/proc/self/environ: no such file").doesNotContain(secret).doesNotContain("root:x:0:0");
        assertThat(result.exitCode()).isEqualTo(1);
    }

    private Path workflow(String name) throws Exception {
        return Files.writeString(dir.resolve("wf.yaml"), String.join("\n",
                "apiVersion: argoproj.io/v1alpha1", "kind: Workflow", "metadata: {name: '" + name + "'}",
                "spec:", "  entrypoint: main", "  templates:",
                "    - name: main", "      container: {image: alpine, command: [echo, hi]}", ""));
    }
}
