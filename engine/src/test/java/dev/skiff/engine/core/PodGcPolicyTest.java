package dev.skiff.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.core.PodGcPolicy.Action;
import dev.skiff.engine.model.LabelSelector;
import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.PodGc;
import dev.skiff.engine.model.WorkflowPhase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Argo's determinePodCleanupAction ({@code workflow/controller/pod/cleanup.go}) and getPodGCDelay. */
class PodGcPolicyTest {

    private static final Map<String, String> LABELS = Map.of("workflows.argoproj.io/workflow", "wf", "keep", "no");

    private static Action action(String strategy, WorkflowPhase wf, NodePhase node) {
        return PodGcPolicy.decide(Optional.of(new PodGc(strategy, Optional.empty(), "")), LABELS, wf, node).action();
    }

    @Test
    void withoutPodGcEveryFinishedPodIsLabelledCompleted() {
        assertThat(PodGcPolicy.decide(Optional.empty(), LABELS, WorkflowPhase.RUNNING, NodePhase.SUCCEEDED).action())
                .isEqualTo(Action.LABEL_COMPLETED);
        assertThat(action("", WorkflowPhase.RUNNING, NodePhase.FAILED)).isEqualTo(Action.LABEL_COMPLETED);
    }

    @Test
    void onPodCompletionDeletesEveryFinishedPodAfterArgosDefaultDelay() {
        var verdict = PodGcPolicy.decide(Optional.of(new PodGc("OnPodCompletion", Optional.empty(), "")), LABELS,
                WorkflowPhase.RUNNING, NodePhase.FAILED);
        assertThat(verdict).isEqualTo(new PodGcPolicy.Verdict(Action.DELETE, Duration.ofSeconds(5)));
    }

    @Test
    void onPodSuccessDeletesSucceededPodsAndLabelsFailedOnes() {
        assertThat(action("OnPodSuccess", WorkflowPhase.RUNNING, NodePhase.SUCCEEDED)).isEqualTo(Action.DELETE);
        assertThat(action("OnPodSuccess", WorkflowPhase.RUNNING, NodePhase.FAILED)).isEqualTo(Action.LABEL_COMPLETED);
    }

    @Test
    void workflowStrategiesWaitForTheWorkflowToEnd() {
        assertThat(action("OnWorkflowCompletion", WorkflowPhase.RUNNING, NodePhase.SUCCEEDED)).isEqualTo(Action.NONE);
        assertThat(action("OnWorkflowCompletion", WorkflowPhase.FAILED, NodePhase.SUCCEEDED)).isEqualTo(Action.DELETE);
        assertThat(action("OnWorkflowSuccess", WorkflowPhase.RUNNING, NodePhase.SUCCEEDED)).isEqualTo(Action.NONE);
        assertThat(action("OnWorkflowSuccess", WorkflowPhase.SUCCEEDED, NodePhase.FAILED)).isEqualTo(Action.DELETE);
        assertThat(action("OnWorkflowSuccess", WorkflowPhase.FAILED, NodePhase.SUCCEEDED))
                .isEqualTo(Action.LABEL_COMPLETED);
    }

    @Test
    void aPodTheLabelSelectorDoesNotSelectIsOnlyLabelled() {
        var selector = new LabelSelector(Map.of(), List.of(new LabelSelector.Requirement("keep", "NotIn",
                List.of("no"))));
        var verdict = PodGcPolicy.decide(Optional.of(new PodGc("OnPodCompletion", Optional.of(selector), "")), LABELS,
                WorkflowPhase.RUNNING, NodePhase.SUCCEEDED);
        assertThat(verdict.action()).isEqualTo(Action.LABEL_COMPLETED);
        var matching = new LabelSelector(Map.of("keep", "no"), List.of());
        assertThat(PodGcPolicy.decide(Optional.of(new PodGc("OnPodCompletion", Optional.of(matching), "")), LABELS,
                WorkflowPhase.RUNNING, NodePhase.SUCCEEDED).action()).isEqualTo(Action.DELETE);
    }

    @Test
    void deleteDelayDurationReplacesTheDefaultUnlessItDoesNotParse() {
        assertThat(PodGcPolicy.decide(Optional.of(new PodGc("OnPodCompletion", Optional.empty(), "1m")), LABELS,
                WorkflowPhase.RUNNING, NodePhase.SUCCEEDED).delay()).isEqualTo(Duration.ofMinutes(1));
        assertThat(PodGcPolicy.decide(Optional.of(new PodGc("OnPodCompletion", Optional.empty(), "0s")), LABELS,
                WorkflowPhase.RUNNING, NodePhase.SUCCEEDED).delay()).isEqualTo(Duration.ZERO);
        assertThat(PodGcPolicy.decide(Optional.of(new PodGc("OnPodCompletion", Optional.empty(), "soon")), LABELS,
                WorkflowPhase.RUNNING, NodePhase.SUCCEEDED).delay()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void labelSelectorsMatchAsKubernetesDoes() {
        var selector = new LabelSelector(Map.of("a", "1"), List.of(new LabelSelector.Requirement("b", "In",
                List.of("x", "y")), new LabelSelector.Requirement("c", "DoesNotExist", List.of()),
                new LabelSelector.Requirement("a", "Exists", List.of())));
        assertThat(selector.matches(Map.of("a", "1", "b", "y"))).isTrue();
        assertThat(selector.matches(Map.of("a", "1", "b", "z"))).isFalse();
        assertThat(selector.matches(Map.of("a", "1", "b", "x", "c", ""))).isFalse();
        assertThat(selector.matches(Map.of("a", "2", "b", "x"))).isFalse();
        assertThat(new LabelSelector(Map.of(), List.of()).matches(Map.of())).isTrue();
    }
}
