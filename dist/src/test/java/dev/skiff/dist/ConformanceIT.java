package dev.skiff.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every conformance case ({@code conformance/cases}) ends, through the built {@code bin/skiff run FILE -o json},
 * with the status Argo Workflows gave it ({@code conformance/expected}), as judged by {@code conformance/compare}.
 * Cases listed in {@code conformance/known-mismatches.txt} are reported as aborted with their reason while they
 * still mismatch, and fail once they match, so that the list only ever shrinks.
 */
class ConformanceIT {

    static Path conformanceDir() {
        return Path.of(System.getProperty("skiff.conformance.dir", "../conformance")).toAbsolutePath().normalize();
    }

    static Stream<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(conformanceDir().resolve("cases"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted().toList().stream();
        }
    }

    /** {@code name  reason} lines; '#' starts a comment. */
    static Map<String, String> knownMismatches() throws IOException {
        Map<String, String> known = new LinkedHashMap<>();
        for (String line : Files.readAllLines(conformanceDir().resolve("known-mismatches.txt"))) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] parts = text.split("\\s+", 2);
            known.put(parts[0], parts.length > 1 ? parts[1] : "");
        }
        return known;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void skiffEndsTheCaseWithArgosStatus(String name) throws Exception {
        String known = knownMismatches().get(name);

        Comparison result = compare(name);

        if (known != null) {
            assertThat(result.exitCode())
                    .as("%s matches Argo now: remove it from conformance/known-mismatches.txt%n%s", name, result.output())
                    .isNotZero();
            abort("known mismatch (" + known + "):\n" + result.output());
        }
        assertThat(result.exitCode()).as("conformance/compare run %s:%n%s", name, result.output()).isZero();
    }

    private record Comparison(int exitCode, String output) {
    }

    private static Comparison compare(String name) throws IOException, InterruptedException {
        Path output = Files.createTempFile("skiff-conformance", ".txt");
        try {
            List<String> command = List.of("python3", conformanceDir().resolve("compare").toString(), "run",
                    "--skiff", TestingLauncher.home().resolve("bin/skiff").toString(), name);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("conformance/compare run " + name + " did not end within 5 minutes");
            }
            return new Comparison(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
