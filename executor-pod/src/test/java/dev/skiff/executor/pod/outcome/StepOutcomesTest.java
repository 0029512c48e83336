package dev.skiff.executor.pod.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.spi.executor.ArtifactOutcome;
import dev.skiff.spi.executor.StepOutcome;
import dev.skiff.spi.executor.StepPhase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Pod + task result → outcome, case by case as Argo v4.1.2 decides in operator.go (assessNodeStatus,
 * getPendingReason, inferFailedReason, the task-result checks of podReconciliation) and taskresult.go.
 */
class StepOutcomesTest {

    private static final Optional<String> NO_STOP = Optional.empty();
    private static final String OUTPUTS = """
            {"parameters": [{"name": "out", "value": "hello", "valueFrom": {"path": "/tmp/out"}},
                            {"name": "later", "valueFrom": {"parameter": "x"}}],
             "artifacts": [{"name": "logs", "s3": {"key": "k"}}], "result": "hi"}""";

    @Test
    void aPendingPodReportsTheFirstWaitingContainersReason() {
        StepOutcome o = assess(TestingPods.phase("Pending").waiting("wait", "ContainerCreating", "")
                .waiting("main", "ImagePullBackOff", "Back-off pulling image \"nope\"").view(), null);

        assertThat(o.phase()).isEqualTo(StepPhase.PENDING);
        assertThat(o.message()).isEqualTo("ContainerCreating");
    }

    @Test
    void aPendingPodWithAMessageShowsReasonAndMessage() {
        StepOutcome o = assess(TestingPods.phase("Pending").waiting("main", "ImagePullBackOff", "Back-off").view(), null);

        assertThat(o.message()).isEqualTo("ImagePullBackOff: Back-off");
    }

    @Test
    void anUnschedulablePodSaysWhy() {
        StepOutcome o = assess(TestingPods.phase("Pending").unschedulable("0/2 nodes are available: 2 Insufficient cpu.")
                .view(), null);

        assertThat(o.message()).isEqualTo("Unschedulable: 0/2 nodes are available: 2 Insufficient cpu.");
    }

    @Test
    void aRunningPodIsRunning() {
        StepOutcome o = assess(TestingPods.phase("Running").running("wait", true).running("main", true).view(), null);

        assertThat(o.phase()).isEqualTo(StepPhase.RUNNING);
        assertThat(o.message()).isEmpty();
        assertThat(o.startedAt()).contains(Instant.parse("2026-12-08T10:00:01Z"));
    }

    @Test
    void aSucceededPodWithACompleteResultSucceedsWithItsOutputs() {
        StepOutcome o = StepOutcomes.assess(succeeded(), Optional.of(TestingPods.result(true, OUTPUTS)),
                new StepShape(List.of("logs", "other"), false), NO_STOP);

        assertThat(o.phase()).isEqualTo(StepPhase.SUCCEEDED);
        assertThat(o.exitCode()).hasValue(0);
        assertThat(o.outputParameters()).isEqualTo(Map.of("out", "hello"));
        assertThat(o.result()).contains("hi");
        assertThat(o.outputArtifacts()).containsExactly(ArtifactOutcome.done("logs"), ArtifactOutcome.notFound("other"));
        assertThat(o.finishedAt()).contains(Instant.parse("2026-12-08T10:00:02Z"));
    }

    @Test
    void aSucceededPodIsNotDoneWhileItsResultIsIncomplete() {
        // podReconciliation: Succeeded but IsTaskResultIncomplete → the node is not marked done yet
        assertThat(assess(succeeded(), TestingPods.result(false, OUTPUTS)).phase()).isEqualTo(StepPhase.RUNNING);
        assertThat(assess(succeeded(), null).phase()).isEqualTo(StepPhase.RUNNING);
    }

    @Test
    void aFailedMainGivesArgosExitCodeMessage() {
        StepOutcome o = assess(TestingPods.phase("Failed").terminated("wait", 0, "Completed", "")
                .terminated("main", 1, "Error", "").view(), TestingPods.result(true, "{}"));

        assertThat(o.phase()).isEqualTo(StepPhase.FAILED);
        assertThat(o.message()).isEqualTo("main: Error (exit code 1)");
        assertThat(o.exitCode()).hasValue(1);
    }

    @Test
    void mainsTerminationMessageFollowsTheExitCode() {
        StepOutcome o = assess(TestingPods.phase("Failed").terminated("wait", 0, "Completed", "")
                .terminated("main", 3, "Error", "no space left").view(), TestingPods.result(true, "{}"));

        assertThat(o.message()).isEqualTo("main: Error (exit code 3): no space left");
    }

    @Test
    void aFailedPodWaitsForItsResultToo() {
        StepOutcome o = assess(TestingPods.phase("Failed").running("wait", false)
                .terminated("main", 1, "Error", "").view(), TestingPods.result(false, "{}"));

        assertThat(o.phase()).isEqualTo(StepPhase.RUNNING);
    }

    @Test
    void aFailedWaitContainerIsAnErrorAndSettlesTheResult() {
        StepOutcome o = assess(TestingPods.phase("Failed").terminated("wait", 64, "Error",
                        "open /var/run/argo/outputs/parameters/tmp/x: no such file or directory")
                .terminated("main", 0, "Completed", "").view(), TestingPods.result(false, "{}"));

        assertThat(o.phase()).isEqualTo(StepPhase.ERROR);
        assertThat(o.message()).isEqualTo("wait: Error (exit code 64): open /var/run/argo/outputs/parameters/tmp/x:"
                + " no such file or directory");
    }

    @Test
    void theDeadlineMessageOfThePodWins() {
        StepOutcome o = assess(TestingPods.phase("Failed").status("reason", "DeadlineExceeded")
                .status("message", "Pod was active on the node longer than the specified deadline")
                .terminated("wait", 137, "Error", "").terminated("main", 137, "Error", "").view(), null);

        assertThat(o.phase()).isEqualTo(StepPhase.FAILED);
        assertThat(o.message()).isEqualTo("Pod was active on the node longer than the specified deadline");
    }

    @Test
    void aFailedInitContainerIsAnErrorAndSettlesWithoutAResult() {
        StepOutcome o = assess(TestingPods.phase("Failed").initTerminated("init", 1, "Error", "artifact x failed")
                .waiting("wait", "PodInitializing", "").waiting("main", "PodInitializing", "").view(), null);

        assertThat(o.phase()).isEqualTo(StepPhase.ERROR);
        assertThat(o.message()).isEqualTo("init: Error (exit code 1): artifact x failed");
    }

    @Test
    void aContainerThatNeverStartedInAFailedPodIsAnError() {
        StepOutcome o = assess(TestingPods.phase("Failed").waiting("main", "CreateContainerError", "bad").view(), null);

        assertThat(o.phase()).isEqualTo(StepPhase.ERROR);
        assertThat(o.message()).isEqualTo("Pod failed before main container starts due to CreateContainerError: bad");
    }

    @Test
    void aSidecarKilledBySignalIsForgiven() {
        StepOutcome o = assess(TestingPods.phase("Failed").terminated("wait", 0, "Completed", "")
                .terminated("main", 0, "Completed", "").terminated("db", 137, "Error", "").view(),
                TestingPods.result(true, "{}"));

        assertThat(o.phase()).isEqualTo(StepPhase.SUCCEEDED);
    }

    @Test
    void aFailingSidecarFailsTheStep() {
        StepOutcome o = assess(TestingPods.phase("Failed").terminated("wait", 0, "Completed", "")
                .terminated("main", 0, "Completed", "").terminated("db", 2, "Error", "").view(),
                TestingPods.result(true, "{}"));

        assertThat(o.phase()).isEqualTo(StepPhase.FAILED);
        assertThat(o.message()).isEqualTo("db: Error (exit code 2)");
    }

    @Test
    void aFailedPodWithoutContainerStatusesSaysSo() {
        StepOutcome o = assess(TestingPods.phase("Failed").view(), null);

        assertThat(o.phase()).isEqualTo(StepPhase.FAILED);
        assertThat(o.message()).isEqualTo("can't find failed message for pod wf-main-123 namespace argo");
    }

    @Test
    void anEvictedPodWhoseContainersAreGoneSettles() {
        StepOutcome o = assess(TestingPods.phase("Failed").status("reason", "Evicted")
                .status("message", "The node was low on resource: memory.").view(), null);

        assertThat(o.phase()).isEqualTo(StepPhase.FAILED);
        assertThat(o.message()).isEqualTo("The node was low on resource: memory.");
    }

    @Test
    void anUnknownPodPhaseIsAnError() {
        StepOutcome o = assess(TestingPods.phase("Unknown").view(), null);

        assertThat(o.phase()).isEqualTo(StepPhase.ERROR);
        assertThat(o.message()).isEqualTo("Unexpected pod phase for wf-main-123: Unknown");
    }

    @Test
    void aStoppedStepEndsFailedWithTheReasonOnceItsPodEnded() {
        PodView ended = TestingPods.phase("Failed").terminated("wait", 0, "Completed", "")
                .terminated("main", 143, "Error", "").view();

        StepOutcome o = StepOutcomes.assess(ended, Optional.empty(), StepShape.PLAIN, Optional.of("Stopped with strategy 'Stop'"));

        assertThat(o.phase()).isEqualTo(StepPhase.FAILED);
        assertThat(o.message()).isEqualTo("Stopped with strategy 'Stop'");
        assertThat(StepOutcomes.assess(TestingPods.phase("Running").running("main", true).view(), Optional.empty(),
                StepShape.PLAIN, Optional.of("stop")).phase()).isEqualTo(StepPhase.RUNNING);
    }

    @Test
    void aDaemonThatEndsFailsAndRunsOnlyWhenReady() {
        StepShape daemon = new StepShape(List.of(), true);
        assertThat(StepOutcomes.assess(succeeded(), Optional.of(TestingPods.result(true, "{}")), daemon, NO_STOP).phase())
                .isEqualTo(StepPhase.FAILED);
        assertThat(StepOutcomes.assess(TestingPods.phase("Running").running("wait", true).running("main", false).view(),
                Optional.empty(), daemon, NO_STOP).phase()).isEqualTo(StepPhase.PENDING);
    }

    @Test
    void aReadyDaemonPodReportsItsIpAndOtherPodsDoNot() {
        StepShape daemon = new StepShape(List.of(), true);
        PodView ready = TestingPods.phase("Running").status("podIP", "10.244.0.7").running("wait", true)
                .running("main", true).view();

        assertThat(StepOutcomes.assess(ready, Optional.empty(), daemon, NO_STOP).podIp()).contains("10.244.0.7");
        assertThat(StepOutcomes.assess(ready, Optional.empty(), StepShape.PLAIN, NO_STOP).podIp()).isEmpty();
        PodView notReady = TestingPods.phase("Running").status("podIP", "10.244.0.7").running("wait", true)
                .running("main", false).view();
        assertThat(StepOutcomes.assess(notReady, Optional.empty(), daemon, NO_STOP).podIp()).isEmpty();
    }

    private static PodView succeeded() {
        return TestingPods.phase("Succeeded").terminated("wait", 0, "Completed", "")
                .terminated("main", 0, "Completed", "").view();
    }

    private static StepOutcome assess(PodView pod, TaskResultView result) {
        return StepOutcomes.assess(pod, Optional.ofNullable(result), StepShape.PLAIN, NO_STOP);
    }
}
