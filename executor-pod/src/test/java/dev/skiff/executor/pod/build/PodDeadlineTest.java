package dev.skiff.executor.pod.build;

import static dev.skiff.executor.pod.build.PodAssertions.container;
import static dev.skiff.executor.pod.build.PodAssertions.env;
import static dev.skiff.executor.pod.build.PodAssertions.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.executor.pod.TestingRequests;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** activeDeadlineSeconds and ARGO_DEADLINE (podBuilder.build's deadline block, getDeadline). */
class PodDeadlineTest {

    static final Instant NOW = PodBuilderTest.NOW;

    @Test
    void theTemplatesDeadlineBecomesActiveDeadlineSeconds() throws Exception {
        BuiltPod built = PodBuilder.build(TestingRequests.of(PodBuilderTest.WHALESAY).deadline(Duration.ofSeconds(30))
                .build(), PodSettings.defaults(), NOW);

        assertThat(spec(built)).containsEntry("activeDeadlineSeconds", 30L);
        assertThat(env(container(built, "main"), "ARGO_DEADLINE")).contains("0001-01-01T00:00:00Z");
    }

    @Test
    void theWorkflowDeadlineCapsThePodAndIsItsArgoDeadline() throws Exception {
        // the engine adds a few seconds of grace for local processes; pods get exactly what is left, as in Argo
        Instant wfDeadline = NOW.plusSeconds(20).plusMillis(700);
        BuiltPod built = PodBuilder.build(TestingRequests.of(PodBuilderTest.WHALESAY).deadline(Duration.ofSeconds(25))
                .workflowDeadline(wfDeadline).build(), PodSettings.defaults(), NOW);

        assertThat(spec(built)).containsEntry("activeDeadlineSeconds", 20L);
        assertThat(env(container(built, "wait"), "ARGO_DEADLINE")).contains("2026-12-08T10:00:20Z");
    }

    @Test
    void withOnlyAWorkflowDeadlineThePodGetsTheTimeLeft() throws Exception {
        BuiltPod built = PodBuilder.build(TestingRequests.of(PodBuilderTest.WHALESAY)
                .workflowDeadline(NOW.plusSeconds(90)).build(), PodSettings.defaults(), NOW);

        assertThat(spec(built)).containsEntry("activeDeadlineSeconds", 90L);
    }

    @Test
    void aPassedWorkflowDeadlineCreatesNoPodAndFailsTheStep() {
        assertThatThrownBy(() -> PodBuilder.build(TestingRequests.of(PodBuilderTest.WHALESAY)
                .workflowDeadline(NOW.minusSeconds(1)).build(), PodSettings.defaults(), NOW))
                .isInstanceOfSatisfying(PodBuildException.class, e -> {
                    assertThat(e.deadlinePassed()).isTrue();
                    assertThat(e).hasMessage("Step exceeded its deadline");
                });
    }

    @Test
    void aDebuggedTemplateHasNoDeadline() throws Exception {
        BuiltPod built = PodBuilder.build(TestingRequests.of("""
                {"name": "d", "container": {"image": "a", "command": ["x"],
                  "env": [{"name": "ARGO_DEBUG_PAUSE_BEFORE", "value": "true"}]}}""").deadline(Duration.ofSeconds(30))
                .build(), PodSettings.defaults(), NOW);

        assertThat(spec(built)).doesNotContainKey("activeDeadlineSeconds");
    }

    @Test
    void aGracePeriodFromThePatchReachesEveryContainer() throws Exception {
        BuiltPod built = PodBuilder.build(TestingRequests.of("""
                {"name": "g", "container": {"image": "a", "command": ["x"]},
                 "podSpecPatch": "terminationGracePeriodSeconds: 5"}""").build(), PodSettings.defaults(), NOW);

        assertThat(env(container(built, "wait"), "ARGO_TERMINATION_GRACE_PERIOD_SECONDS")).contains("5");
        assertThat(env(container(built, "main"), "ARGO_TERMINATION_GRACE_PERIOD_SECONDS")).contains("5");
    }
}
