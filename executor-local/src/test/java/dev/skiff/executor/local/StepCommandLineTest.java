package dev.skiff.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.spi.executor.StepCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StepCommandLineTest {

    private static final SandboxPathMapping MAPPING =
            SandboxPathMapping.of(Path.of("/s/root"), List.of("/tmp/out"), Optional.empty());

    @Test
    void appendsTheScriptFileAfterCommandAndArgsAsArgoDoes() {
        StepCommand script = new StepCommand("python:alpine", List.of("python"), List.of("-u"), Map.of(),
                Optional.empty(), Optional.of("print(1)"));

        assertThat(StepCommandLine.words(script, MAPPING, Optional.of(Path.of("/s/script"))))
                .containsExactly("python", "-u", "/s/script");
    }

    @Test
    void mapsOutputPathsInCommandAndArgs() {
        StepCommand container = new StepCommand("alpine", List.of("sh", "-c"), List.of("echo hi > /tmp/out"), Map.of(),
                Optional.empty(), Optional.empty());

        assertThat(StepCommandLine.words(container, MAPPING, Optional.empty()))
                .containsExactly("sh", "-c", "echo hi > /s/root/tmp/out");
    }
}
