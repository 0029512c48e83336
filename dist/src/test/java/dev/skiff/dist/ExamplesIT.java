package dev.skiff.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped example runs as-is through {@code bin/skiff run FILE -o json} and ends Succeeded. */
class ExamplesIT {

    static Stream<String> examples() throws IOException {
        try (Stream<Path> files = Files.list(TestingLauncher.home().resolve("examples"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void theExampleSucceedsAndStdoutIsOnlyTheWorkflow(String example) throws Exception {
        Path file = TestingLauncher.home().resolve("examples").resolve(example);

        TestingLauncher.Result result = TestingLauncher.run(Map.of(), "run", file.toString(), "-o", "json");

        assertThat(result.exitCode()).as("exit code; stderr:%n%s%nstdout:%n%s", result.stderr(), result.stdout()).isZero();
        JsonNode wf = new ObjectMapper().readTree(result.stdout());
        assertThat(wf.path("kind").asText()).isEqualTo("Workflow");
        assertThat(wf.path("status").path("phase").asText()).as(result.stdout()).isEqualTo("Succeeded");
        assertThat(wf.path("status").path("nodes").size()).isPositive();
    }
}
