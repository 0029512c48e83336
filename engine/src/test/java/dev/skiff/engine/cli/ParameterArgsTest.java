package dev.skiff.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.engine.model.WorkflowPhase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParameterArgsTest {

    @TempDir
    Path dir;

    @Test
    void splitsAtTheFirstEqualsSignAndKeepsOrder() {
        assertThat(ParameterArgs.parse(List.of("message=a=b", "n=", "message=c"), dir))
                .containsExactly(java.util.Map.entry("message", "c"), java.util.Map.entry("n", ""));
    }

    @Test
    void readsAtFileValues() throws IOException {
        Files.writeString(dir.resolve("v.txt"), "from file\n");

        assertThat(ParameterArgs.parse(List.of("x=@v.txt"), dir)).containsEntry("x", "from file\n");
    }

    @Test
    void rejectsMalformedArgumentsWithAUsableMessage() {
        assertThatThrownBy(() -> ParameterArgs.parse(List.of("novalue"), dir))
                .isInstanceOf(UserInputException.class).hasMessageContaining("expected name=value");
        assertThatThrownBy(() -> ParameterArgs.parse(List.of("=x"), dir)).isInstanceOf(UserInputException.class);
        assertThatThrownBy(() -> ParameterArgs.parse(List.of("x=@missing.txt"), dir))
                .isInstanceOf(UserInputException.class).hasMessageContaining("cannot read");
    }

    @Test
    void mapsWorkflowPhasesToExitCodes() {
        assertThat(ExitCodes.of(WorkflowPhase.SUCCEEDED)).isZero();
        assertThat(ExitCodes.of(WorkflowPhase.FAILED)).isEqualTo(1);
        assertThat(ExitCodes.of(WorkflowPhase.ERROR)).isEqualTo(1);
        assertThat(OutputFormat.parse("JSON")).isEqualTo(OutputFormat.JSON);
        assertThatThrownBy(() -> OutputFormat.parse("xml")).isInstanceOf(UserInputException.class);
    }
}
