package dev.skiff.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SandboxPathMappingTest {

    private static final Path ROOT = Path.of("/work/step-1/root");

    @Test
    void mapsTheOutputFileAndItsDirectoryLongestFirst() {
        SandboxPathMapping mapping = SandboxPathMapping.of(ROOT, List.of("/tmp/out/value.txt"), Optional.empty());

        assertThat(mapping.mappedPaths()).containsExactly("/tmp/out/value.txt", "/tmp/out");
        assertThat(mapping.rewrite("mkdir -p /tmp/out && echo hi > /tmp/out/value.txt"))
                .isEqualTo("mkdir -p /work/step-1/root/tmp/out && echo hi > /work/step-1/root/tmp/out/value.txt");
    }

    @Test
    void rewritesOnlyWholePaths() {
        SandboxPathMapping mapping = SandboxPathMapping.of(ROOT, List.of("/tmp/a"), Optional.empty());

        assertThat(mapping.rewrite("/tmpdir/a /x/tmp/a $HOME/tmp/a ~/tmp/a /tmp.old")).isEqualTo("/tmpdir/a /x/tmp/a $HOME/tmp/a ~/tmp/a /tmp.old");
        assertThat(mapping.rewrite("'/tmp/a' \"/tmp/a\" >/tmp/a;cat /tmp/a/inner"))
                .isEqualTo("'/work/step-1/root/tmp/a' \"/work/step-1/root/tmp/a\" >/work/step-1/root/tmp/a;"
                        + "cat /work/step-1/root/tmp/a/inner");
    }

    @Test
    void rewritesTheParentDirectoryWhereverItAppears() {
        SandboxPathMapping mapping = SandboxPathMapping.of(ROOT, List.of("/tmp/hello.txt"), Optional.empty());

        assertThat(mapping.rewrite("open('/tmp/other.txt')")).isEqualTo("open('/work/step-1/root/tmp/other.txt')");
    }

    @Test
    void neverMapsTheRootDirectory() {
        SandboxPathMapping mapping = SandboxPathMapping.of(ROOT, List.of("/result"), Optional.of("/"));

        assertThat(mapping.mappedPaths()).containsExactly("/result");
        assertThat(mapping.rewrite("ls / > /result")).isEqualTo("ls / > /work/step-1/root/result");
    }

    @Test
    void normalizesDeclaredPaths() {
        SandboxPathMapping mapping = SandboxPathMapping.of(ROOT, List.of("//tmp/./x/"), Optional.empty());

        assertThat(mapping.mappedPaths()).containsExactly("/tmp/x", "/tmp");
    }

    @Test
    void placesRelativeOutputsUnderTheMappedWorkingDirectory() {
        SandboxPathMapping mapping = SandboxPathMapping.of(ROOT, List.of("out.txt"), Optional.of("/src"));

        assertThat(mapping.hostPath("out.txt", Optional.of("/src"))).isEqualTo(ROOT.resolve("src/out.txt"));
        assertThat(mapping.hostPath("out.txt", Optional.empty())).isEqualTo(ROOT.resolve("out.txt"));
        assertThat(mapping.workingDirectory(Optional.of("/src"))).isEqualTo(ROOT.resolve("src"));
        assertThat(mapping.workingDirectory(Optional.empty())).isEqualTo(ROOT);
        assertThat(mapping.rewrite("cd /src")).isEqualTo("cd /work/step-1/root/src");
    }

    @Test
    void leavesTextAloneWhenNothingIsMapped() {
        SandboxPathMapping mapping = SandboxPathMapping.of(ROOT, List.of(), Optional.empty());

        assertThat(mapping.rewrite("echo /tmp/x")).isEqualTo("echo /tmp/x");
    }

    @Test
    void refusesPathsThatClimbOutOfTheSandbox() {
        SandboxPathMapping mapping = SandboxPathMapping.of(ROOT, List.of("/tmp/../etc/passwd"), Optional.empty());

        assertThat(mapping.mappedPaths()).isEmpty();
    }
}
