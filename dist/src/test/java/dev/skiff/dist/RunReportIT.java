package dev.skiff.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code skiff run} says besides the Workflow: what became of its temporary work directory, where a
 * failed step's logs are, the steps' output with {@code --log}; all on stderr under {@code -o json}.
 */
class RunReportIT {

    private static final Pattern KEPT = Pattern.compile("step files and logs: (\\S+)");

    @TempDir
    Path dir;

    @Test
    void theTemporaryWorkDirectoryOfASucceededRunIsRemovedAndSkiffSaysSo() throws Exception {
        TestingLauncher.Result result = TestingLauncher.run(Map.of(), "run", workflow("echo hello", 0).toString(), "-o", "json");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        Matcher removed = Pattern.compile("removed the temporary work directory (\\S+)").matcher(result.stderr());
        assertThat(removed.find()).as(result.stderr()).isTrue();
        assertThat(Path.of(removed.group(1))).doesNotExist();
    }

    @Test
    void withKeepTheTemporaryWorkDirectoryStays() throws Exception {
        TestingLauncher.Result result = TestingLauncher.run(Map.of(), "run", workflow("echo hello", 0).toString(), "-o", "json",
                "--keep");

        Path kept = keptDirectory(result.stderr());
        try {
            assertThat(result.stderr()).contains("(kept: --keep)");
            assertThat(kept).isDirectory();
        } finally {
            deleteTree(kept);
        }
    }

    @Test
    void aFailedRunKeepsItsTemporaryWorkDirectoryAndSaysWhereTheFailedStepsLogsAre() throws Exception {
        TestingLauncher.Result result = TestingLauncher.run(Map.of(), "run", workflow("echo boom >&2", 3).toString(), "-o", "json");

        Path kept = keptDirectory(result.stderr());
        try {
            assertThat(result.exitCode()).isEqualTo(1);
            Matcher log = Pattern.compile("its output is in \\S+ and (\\S+stderr\\.log)").matcher(result.stderr());
            assertThat(log.find()).as(result.stderr()).isTrue();
            assertThat(Path.of(log.group(1))).startsWith(kept).content().isEqualTo("boom\n");
            assertThat(new ObjectMapper().readTree(result.stdout()).path("status").path("phase").asText()).isEqualTo("Failed");
        } finally {
            deleteTree(kept);
        }
    }

    @Test
    void withLogEachOutputLineComesWithItsPodName() throws Exception {
        TestingLauncher.Result json = TestingLauncher.run(Map.of(), "run", workflow("echo one; echo two >&2", 0).toString(),
                "-o", "json", "--log", "--work-dir", dir.resolve("work").toString());
        TestingLauncher.Result plain = TestingLauncher.run(Map.of(), "run", workflow("printf 'no newline'", 0).toString(),
                "--log", "--work-dir", dir.resolve("work2").toString());

        String pod = new ObjectMapper().readTree(json.stdout()).path("metadata").path("name").asText();
        assertThat(json.stderr()).contains(pod + ": one\n", pod + ": two\n");
        assertThat(plain.stdout()).containsPattern("(?m)^report-\\w+: no newline$");
    }

    @Test
    void aMissingCommandFailsAsInArgoAndItsLogSaysTheImageIsIgnored() throws Exception {
        Path wf = Files.writeString(dir.resolve("missing.yaml"), String.join("\n",
                "apiVersion: argoproj.io/v1alpha1", "kind: Workflow", "metadata: {generateName: missing-}",
                "spec:", "  entrypoint: main", "  templates:",
                "    - name: main", "      container: {image: argoproj/argosay:v2, command: [invalid]}", ""));

        TestingLauncher.Result result = TestingLauncher.run(Map.of(), "run", wf.toString(), "-o", "json",
                "--work-dir", dir.resolve("work").toString(), "--log");

        assertThat(result.exitCode()).isEqualTo(1);
        var status = new ObjectMapper().readTree(result.stdout()).path("status");
        assertThat(status.path("phase").asText()).isEqualTo("Failed");
        assertThat(status.path("message").asText()).isEqualTo("main: Error (exit code 64): failed to find name in PATH:"
                + " exec: \"invalid\": executable file not found in $PATH");
        assertThat(result.stderr()).contains("ignores its image 'argoproj/argosay:v2'");
    }

    private Path workflow(String shell, int exitCode) throws Exception {
        return Files.writeString(dir.resolve("wf-" + System.nanoTime() + ".yaml"), String.join("\n",
                "apiVersion: argoproj.io/v1alpha1", "kind: Workflow", "metadata: {generateName: report-}",
                "spec:", "  entrypoint: main", "  templates:",
                "    - name: main",
                "      container: {image: alpine, command: [sh, -c, \"" + shell + "; exit " + exitCode + "\"]}", ""));
    }

    private static Path keptDirectory(String stderr) {
        Matcher kept = KEPT.matcher(stderr);
        assertThat(kept.find()).as(stderr).isTrue();
        return Path.of(kept.group(1));
    }

    private static void deleteTree(Path root) throws Exception {
        if (Files.exists(root)) {
            try (var walk = Files.walk(root)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
