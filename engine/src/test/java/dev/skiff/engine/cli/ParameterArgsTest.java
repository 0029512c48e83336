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
    void anAtFileValueIsTheFilesTextWithoutTrailingNewlinesAsDollarCatGivesIt() throws IOException {
        // argo submit -p x="$(cat v.txt)": the shell's command substitution drops every trailing newline.
        Files.writeString(dir.resolve("v.txt"), "from file\n  second line\n\n");

        assertThat(ParameterArgs.parse(List.of("x=@v.txt"), dir)).containsEntry("x", "from file\n  second line");
    }

    @Test
    void aParameterFileGivesValuesAsArgoSubmitParameterFileDoes() throws IOException {
        // workflow/util/util.go ReadParametersFile: YAML to JSON, strings unquoted, anything else as JSON text.
        Files.writeString(dir.resolve("p.yaml"), "message: hello\ncount: 3\nflag: true\nlist: [a, b]\n"
                + "obj: {z: 1, a: 2}\nwho: world\n");

        assertThat(ParameterArgs.parse(List.of("who=me"), Path.of("p.yaml"), dir)).containsExactly(
                java.util.Map.entry("message", "hello"), java.util.Map.entry("count", "3"),
                java.util.Map.entry("flag", "true"), java.util.Map.entry("list", "[\"a\",\"b\"]"),
                java.util.Map.entry("obj", "{\"a\":2,\"z\":1}"), java.util.Map.entry("who", "me"));
        Files.writeString(dir.resolve("bad.yaml"), "- a\n");
        assertThatThrownBy(() -> ParameterArgs.parse(List.of(), Path.of("bad.yaml"), dir))
                .isInstanceOf(UserInputException.class).hasMessageContaining("expected one mapping");
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
