package dev.skiff.executor.pod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PodExecutorConfigTest {

    @Test
    void defaultsAreArgosExecutorImageAndClientLimits() {
        PodExecutorConfig config = PodExecutorConfig.parse(Map.of());

        assertThat(config.pods().executorImage()).isEqualTo("quay.io/argoproj/argoexec:v4.1.2");
        assertThat(config.pods().imagePullPolicy()).isEmpty();
        assertThat(config.pods().instanceId()).isEmpty();
        assertThat(config.qps()).isEqualTo(20);
        assertThat(config.burst()).isEqualTo(30);
    }

    @Test
    void everyKeyIsRead() {
        PodExecutorConfig config = PodExecutorConfig.parse(Map.of("image", "registry.local/argoexec:v4.0.5",
                "imagePullPolicy", "IfNotPresent", "instanceId", "a", "images", "alpine:3: {cmd: [/bin/sh]}",
                "qps", "50", "burst", "60"));

        assertThat(config.pods().executorImage()).isEqualTo("registry.local/argoexec:v4.0.5");
        assertThat(config.pods().imagePullPolicy()).contains("IfNotPresent");
        assertThat(config.pods().instanceId()).isEqualTo("a");
        assertThat(config.pods().images().lookup("alpine:3")).isPresent();
        assertThat(config.qps()).isEqualTo(50);
        assertThat(config.burst()).isEqualTo(60);
    }

    @Test
    void badValuesSayWhichKey() {
        assertThatThrownBy(() -> PodExecutorConfig.parse(Map.of("imagePullPolicy", "Sometimes")))
                .hasMessageStartingWith("imagePullPolicy:");
        assertThatThrownBy(() -> PodExecutorConfig.parse(Map.of("qps", "fast"))).hasMessage("qps: not a number");
        assertThatThrownBy(() -> PodExecutorConfig.parse(Map.of("burst", "0"))).hasMessageContaining("burst");
        assertThatThrownBy(() -> PodExecutorConfig.parse(Map.of("images", "[unclosed")))
                .hasMessageStartingWith("images: not valid YAML");
        assertThatThrownBy(() -> PodExecutorConfig.parse(Map.of("images", "alpine: {command: [x]}")))
                .hasMessage("images.alpine: unknown key 'command' (known: entrypoint, cmd)");
        assertThatThrownBy(() -> PodExecutorConfig.parse(Map.of("colour", "blue")))
                .hasMessageStartingWith("unknown pod executor setting 'colour'");
    }

    @Test
    void theFactoryIsCalledPodAndListsItsKeys() {
        PodExecutorFactory factory = new PodExecutorFactory();

        assertThat(factory.name()).isEqualTo("pod");
        assertThat(factory.configKeys()).containsExactlyInAnyOrder("image", "imagePullPolicy", "instanceId", "images",
                "qps", "burst");
    }
}
