package dev.skiff.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStandInsTest {

    @TempDir
    Path dir;

    @Test
    void namesImagesWithoutRegistryTagOrDigest() {
        assertThat(ImageStandIns.imageName("argoproj/argosay:v2")).isEqualTo("argoproj/argosay");
        assertThat(ImageStandIns.imageName("docker.io/argoproj/argosay:v2")).isEqualTo("argoproj/argosay");
        assertThat(ImageStandIns.imageName("localhost:5000/argoproj/argosay@sha256:abc")).isEqualTo("argoproj/argosay");
        assertThat(ImageStandIns.imageName("busybox")).isEqualTo("busybox");
    }

    @Test
    void runsArgosayOnlyWhenTheTemplateKeepsItsEntryPoint() {
        assertThat(ImageStandIns.withEntryPoint("argoproj/argosay:v2", List.of("echo", "hi"), false))
                .containsExactly("argosay", "echo", "hi");
        assertThat(ImageStandIns.withEntryPoint("argoproj/argosay:v2", List.of(), false)).containsExactly("argosay");
        assertThat(ImageStandIns.withEntryPoint("argoproj/argosay:v2", List.of("sh", "-c", "true"), true))
                .containsExactly("sh", "-c", "true");
        assertThat(ImageStandIns.withEntryPoint("busybox", List.of(), false)).isEmpty();
    }

    @Test
    void installsExecutableScripts() throws IOException {
        ImageStandIns.install(dir);

        assertThat(dir.resolve("argosay")).isExecutable().content().startsWith("#!/bin/sh");
        assertThat(dir.resolve("cowsay")).isExecutable();
    }
}
