package dev.skiff.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImageStandInsTest {

    @Test
    void namesImagesWithoutRegistryTagOrDigest() {
        assertThat(ImageStandIns.imageName("argoproj/argosay:v2")).isEqualTo("argoproj/argosay");
        assertThat(ImageStandIns.imageName("docker.io/argoproj/argosay:v2")).isEqualTo("argoproj/argosay");
        assertThat(ImageStandIns.imageName("localhost:5000/argoproj/argosay@sha256:abc")).isEqualTo("argoproj/argosay");
        assertThat(ImageStandIns.imageName("busybox")).isEqualTo("busybox");
    }

    @Test
    void standsInForArgosayOnlyWhenTheTemplateKeepsItsEntryPoint() {
        assertThat(ImageStandIns.standIn("argoproj/argosay:v2", List.of("echo", "hi"), false, n -> true))
                .hasValueSatisfying(argv -> assertThat(argv).startsWith("sh", "-c").endsWith("argosay", "echo", "hi"));
        assertThat(ImageStandIns.standIn("argoproj/argosay:v2", List.of("sh", "-c", "true"), true, n -> true)).isEmpty();
    }

    @Test
    void standsInForCowsayOnlyWhenTheHostLacksIt() {
        assertThat(ImageStandIns.standIn("docker/whalesay", List.of("cowsay", "hello"), true, n -> false))
                .hasValueSatisfying(argv -> assertThat(argv).endsWith("cowsay", "hello"));
        assertThat(ImageStandIns.standIn("docker/whalesay", List.of("cowsay", "hello"), true, n -> true)).isEmpty();
    }
}
