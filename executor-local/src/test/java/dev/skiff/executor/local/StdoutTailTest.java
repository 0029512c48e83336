package dev.skiff.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StdoutTailTest {

    @TempDir
    Path dir;

    @Test
    void trimsExactlyOneTrailingNewline() throws IOException {
        assertThat(read("hello\n\n")).isEqualTo("hello\n");
        assertThat(read("hello")).isEqualTo("hello");
        assertThat(read("")).isEmpty();
    }

    @Test
    void keepsTheLast256KiBAfterTrimming() throws IOException {
        String big = "a".repeat(10) + "b".repeat(StdoutTail.MAX_RESULT_BYTES) + "\n";

        String result = read(big);

        assertThat(result).hasSize(StdoutTail.MAX_RESULT_BYTES).doesNotContain("a").endsWith("b");
    }

    @Test
    void readsAMissingFileAsEmpty() throws IOException {
        assertThat(StdoutTail.read(dir.resolve("absent"))).isEmpty();
    }

    @Test
    void parameterValuesLoseOneTrailingNewline() throws IOException {
        Path file = dir.resolve("p");
        Files.writeString(file, "42\n");

        assertThat(StdoutTail.parameterValue(file)).isEqualTo("42");
    }

    private String read(String text) throws IOException {
        Path file = dir.resolve("stdout.log");
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        return StdoutTail.read(file);
    }
}
