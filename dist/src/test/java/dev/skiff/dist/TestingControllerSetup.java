package dev.skiff.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skiff.testbed.TestbedCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a cluster needs before Skiff's controller runs workflows there, from the distribution's own manifests (the
 * CRDs, the executor's RBAC in each namespace where steps run), and the conformance tool's comparison of two
 * Workflow objects.
 */
final class TestingControllerSetup {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestingControllerSetup() {
    }

    /** {@code manifests/crds.yaml}, established. */
    static void installCrds(TestbedCluster cluster) {
        cluster.kubectl("apply", "-f", TestingLauncher.home().resolve("manifests/crds.yaml").toString());
        cluster.kubectl("wait", "--for=condition=established", "--timeout=60s", "crd/workflows.argoproj.io",
                "crd/workflowtaskresults.argoproj.io");
    }

    /** {@code manifests/executor-rbac.yaml} in the namespace: argoexec may write its task results. */
    static void allowSteps(TestbedCluster cluster, String namespace) {
        cluster.kubectl("apply", "-n", namespace, "-f",
                TestingLauncher.home().resolve("manifests/executor-rbac.yaml").toString());
    }

    /** A result of {@code conformance/compare diff}: exit code 0 when the two match, and what it printed. */
    record Comparison(int exitCode, String output) {
    }

    /** {@code conformance/compare diff ACTUAL EXPECTED} on two Workflow objects. */
    static Comparison compare(JsonNode actual, Path expected, Path dir) throws IOException, InterruptedException {
        Path actualFile = Files.createTempFile(dir, "actual-", ".json");
        Files.writeString(actualFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(actual));
        Path output = Files.createTempFile(dir, "compare-", ".txt");
        List<String> command = List.of("python3", ConformanceIT.conformanceDir().resolve("compare").toString(),
                "diff", actualFile.toString(), expected.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("conformance/compare diff did not end within 2 minutes");
        }
        return new Comparison(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    /** Argo's recorded result of a conformance case. */
    static Path expected(String conformanceCase) {
        return ConformanceIT.conformanceDir().resolve("expected").resolve(conformanceCase + ".json");
    }

    /** A conformance case's workflow file. */
    static Path conformanceCase(String name) {
        return ConformanceIT.conformanceDir().resolve("cases").resolve(name + ".yaml");
    }

    static JsonNode read(String json) throws IOException {
        return JSON.readTree(json);
    }
}
