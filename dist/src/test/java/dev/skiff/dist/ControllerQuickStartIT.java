package dev.skiff.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Quick start on the testbed" block, run as written with bash (stopping at the first failing line):
 * a testbed cluster of its own, the CRDs and executor RBAC, {@code skiff controller} with
 * {@code testbed/controller.yaml}, {@code skiff submit examples/dag-diamond.yaml -n argo --wait}, list, get, logs,
 * and the clean-up. Two changes only: the {@code ./dev build} line is left out (Maven has just built the tree the
 * block uses) and its work directory is this run's own, so that a developer's quick-start cluster is left alone.
 */
class ControllerQuickStartIT {

    private static final String HEADING = "### Quick start on the testbed";
    private static final String WORKDIR = "/tmp/skiff-quickstart";

    @TempDir
    Path dir;

    @Test
    void theReadmesQuickStartRunsTheDiamondThroughTheControllerAndCleansUp() throws Exception {
        String mode = System.getenv().getOrDefault("SKIFF_TESTBED", "process");
        assumeTrue(mode.equals("process"), "SKIFF_TESTBED=" + mode + ": the quick start needs the process testbed");
        Path root = TestingLauncher.home().getParent().getParent().getParent();
        String workdir = System.getenv().getOrDefault("SKIFF_TESTBED_WORKDIR", "/tmp/skiff-testbed-"
                + System.getProperty("user.name")) + "-quickstart";
        Path script = Files.writeString(dir.resolve("quickstart.sh"), block(root.resolve("README.md"))
                .replace(WORKDIR, workdir));
        Path output = dir.resolve("output.txt");
        ProcessBuilder builder = new ProcessBuilder("setsid", "bash", "-e", script.toString()).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        for (String set : List.of("SKIFF_TESTBED_WORKDIR", "SKIFF_TESTBED_CLUSTERS", "KUBECONFIG")) {
            builder.environment().remove(set); // the block sets what it needs
        }
        Process bash = builder.start();
        int exit;
        try {
            assertThat(bash.waitFor(10, TimeUnit.MINUTES)).as("the quick start ended within 10 minutes").isTrue();
            exit = bash.exitValue();
        } finally {
            // whatever the block left when a line failed: its controller (its process group), then the cluster
            new ProcessBuilder("kill", "-TERM", "--", "-" + bash.pid()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            bash.destroyForcibly();
            ProcessBuilder down = new ProcessBuilder(root.resolve("testbed/down.sh").toString()).directory(root.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            down.environment().put("SKIFF_TESTBED_WORKDIR", workdir);
            down.start().waitFor(2, TimeUnit.MINUTES);
        }

        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(exit).as("exit code of the quick start:%n%s", printed).isZero();
        assertThat(printed).as("submit --wait and get show the diamond done")
                .containsPattern("(?m)^Status: +Succeeded$")
                .containsPattern("(?m)^ └─✔ D +echo +dag-diamond-\\w+-echo-\\d+ ")
                .as("list shows it").containsPattern("(?m)^dag-diamond-\\w+ +Succeeded ")
                .as("logs show the steps' output").containsPattern("(?m)^dag-diamond-\\w+-echo-\\d+: A$")
                .as("down.sh stopped everything").contains("no process or port left");
    }

    /** The first {@code ```sh} block after the heading, without its {@code ./dev build} line. */
    private static String block(Path readme) throws IOException {
        List<String> lines = Files.readAllLines(readme);
        int at = 0;
        while (at < lines.size() && !lines.get(at).startsWith(HEADING)) {
            at++;
        }
        while (at < lines.size() && !lines.get(at).equals("```sh")) {
            at++;
        }
        assertThat(at).as("README.md has a ```sh block under '%s'", HEADING).isLessThan(lines.size());
        List<String> block = new ArrayList<>();
        for (at++; at < lines.size() && !lines.get(at).equals("```"); at++) {
            if (!lines.get(at).startsWith("./dev build")) {
                block.add(lines.get(at));
            }
        }
        assertThat(String.join("\n", block)).as("the block uses the default work directory").contains(WORKDIR);
        return String.join("\n", block) + "\n";
    }
}
