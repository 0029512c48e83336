package dev.skiff.engine.cli;

import static dev.skiff.engine.cli.TestingWorkflowObjects.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The expected texts are those of Argo's own printer tests (util/printer/workflow-printer_test.go). */
class WorkflowTableTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    /** Argo's test workflow: Running, priority 2, one parameter, pods 1 pending / 2 running / 3 done. */
    private static ObjectNode argoExample() {
        return json("""
                {'metadata': {'name': 'my-wf', 'namespace': 'my-ns', 'creationTimestamp': '2026-01-01T10:00:00Z'},
                 'spec': {'priority': 2, 'arguments': {'parameters': [{'name': 'my-param', 'value': 'my-value'}]}},
                 'status': {'phase': 'Running', 'startedAt': '2026-01-01T10:00:00Z',
                   'finishedAt': '2026-01-01T10:00:03Z', 'message': 'test-message',
                   'nodes': {'n0': {'phase': 'Pending', 'type': 'Pod'}, 'n1': {'phase': 'Running', 'type': 'Pod'},
                     'n2': {'phase': 'Running', 'type': 'Pod'}, 'n3': {'phase': 'Succeeded', 'type': 'Pod'},
                     'n4': {'phase': 'Failed', 'type': 'Pod'}, 'n5': {'phase': 'Error', 'type': 'Pod'},
                     'n6': {'phase': 'Running', 'type': 'Steps'}}}}
                """);
    }

    @Test
    void printsArgosColumnsThreeSpacesApart() {
        assertThat(new WorkflowTable(false, false, true).lines(List.of(argoExample()), NOW)).containsExactly(
                "NAME    STATUS    AGE   DURATION   PRIORITY   MESSAGE",
                "my-wf   Running   0s    3s         2          test-message");
    }

    @Test
    void leavesOutTheHeaderOnRequest() {
        assertThat(new WorkflowTable(false, false, false).lines(List.of(argoExample()), NOW))
                .containsExactly("my-wf   Running   0s   3s   2   test-message");
    }

    @Test
    void showsTheNamespaceFirstForAllNamespaces() {
        assertThat(new WorkflowTable(true, false, true).lines(List.of(argoExample()), NOW)).containsExactly(
                "NAMESPACE   NAME    STATUS    AGE   DURATION   PRIORITY   MESSAGE",
                "my-ns       my-wf   Running   0s    3s         2          test-message");
    }

    @Test
    void wideAddsPodCountsAndParameters() {
        assertThat(new WorkflowTable(false, true, true).lines(List.of(argoExample()), NOW)).containsExactly(
                "NAME    STATUS    AGE   DURATION   PRIORITY   MESSAGE        P/R/C   PARAMETERS",
                "my-wf   Running   0s    3s         2          test-message   1/2/3   my-param=my-value");
    }

    @Test
    void wideShortensLongParameterValuesAsArgoDoes() {
        String value = "a".repeat(40) + "b".repeat(20);
        ObjectNode wf = json("{'metadata': {'name': 'w', 'creationTimestamp': '2026-01-01T10:00:00Z'}, 'spec':"
                + " {'arguments': {'parameters': [{'name': 'p', 'value': '" + value + "'}, {'name': 'nothing'}]}}}");

        String line = new WorkflowTable(false, true, false).lines(List.of(wf), NOW).getFirst();

        assertThat(line).endsWith("p=" + "a".repeat(32) + "..." + "b".repeat(15));
    }

    @Test
    void runningWorkflowsComeFirstNewestFirstThenFinishedByLatestFinish() {
        ObjectNode oldRunning = json("{'metadata': {'name': 'old-running', 'creationTimestamp': '2026-01-01T09:00:00Z'},"
                + " 'status': {'phase': 'Running', 'startedAt': '2026-01-01T09:00:00Z'}}");
        ObjectNode newRunning = json("{'metadata': {'name': 'new-running', 'creationTimestamp': '2026-01-01T09:30:00Z'}}");
        ObjectNode finishedEarly = json("{'metadata': {'name': 'finished-early', 'creationTimestamp':"
                + " '2026-01-01T08:00:00Z'}, 'status': {'phase': 'Succeeded', 'startedAt': '2026-01-01T08:00:00Z',"
                + " 'finishedAt': '2026-01-01T08:10:00Z'}}");
        ObjectNode finishedLate = json("{'metadata': {'name': 'finished-late', 'creationTimestamp':"
                + " '2026-01-01T07:00:00Z'}, 'status': {'phase': 'Failed', 'startedAt': '2026-01-01T07:00:00Z',"
                + " 'finishedAt': '2026-01-01T09:10:00Z', 'message': 'boom'}}");

        List<String> lines = new WorkflowTable(false, false, true)
                .lines(List.of(finishedEarly, oldRunning, finishedLate, newRunning), NOW);

        assertThat(lines).containsExactly(
                "NAME             STATUS      AGE   DURATION   PRIORITY   MESSAGE",
                "new-running      Pending     30m   0s         0",
                "old-running      Running     1h    1h         0",
                "finished-late    Failed      3h    2h         0          boom",
                "finished-early   Succeeded   2h    10m        0");
    }

    @Test
    void statusWordsFollowArgosPrinter() {
        assertThat(WorkflowStatusText.of(json("{'metadata': {'creationTimestamp': '2026-01-01T10:00:00Z'}}")))
                .isEqualTo("Pending");
        assertThat(WorkflowStatusText.of(json("{'metadata': {}}"))).isEqualTo("Unknown");
        assertThat(WorkflowStatusText.of(json("{'spec': {'suspend': true}, 'status': {'phase': 'Running'}}")))
                .isEqualTo("Running (Suspended)");
        assertThat(WorkflowStatusText.of(json("{'status': {'phase': 'Running', 'nodes': {'a': {'type': 'Suspend',"
                + " 'phase': 'Running'}}}}"))).isEqualTo("Running (Suspended)");
        assertThat(WorkflowStatusText.of(json("{'status': {'phase': 'Running', 'nodes': {'a': {'type': 'Suspend',"
                + " 'phase': 'Succeeded'}}}}"))).isEqualTo("Running");
        assertThat(WorkflowStatusText.of(json("{'spec': {'shutdown': 'Terminate'}, 'status': {'phase': 'Failed'}}")))
                .isEqualTo("Failed (Terminated)");
        assertThat(WorkflowStatusText.of(json("{'status': {'phase': 'Error'}}"))).isEqualTo("Error");
    }

    @Test
    void shortDurationsUseOneWholeUnitAsArgosHumanizer() {
        assertThat(ShortDuration.of(Duration.ofMillis(999))).isEqualTo("0s");
        assertThat(ShortDuration.of(Duration.ofSeconds(59))).isEqualTo("59s");
        assertThat(ShortDuration.of(Duration.ofSeconds(119))).isEqualTo("1m");
        assertThat(ShortDuration.of(Duration.ofMinutes(59).plusSeconds(59))).isEqualTo("59m");
        assertThat(ShortDuration.of(Duration.ofHours(23).plusMinutes(59))).isEqualTo("23h");
        assertThat(ShortDuration.of(Duration.ofHours(47))).isEqualTo("1d");
        assertThat(ShortDuration.of(Duration.ofDays(30))).isEqualTo("30d");
        assertThat(ShortDuration.of(Duration.ofSeconds(-5))).isEqualTo("5s");
    }

    @Test
    void statusFlagsBecomeLabelSelectorsOnTheControllersLabels() {
        assertThat(WorkflowSelection.labelSelector("team=a", List.of("Running,Failed", "Error"), false, false))
                .isEqualTo("team=a,workflows.argoproj.io/phase in (Running,Failed,Error)");
        assertThat(WorkflowSelection.labelSelector(null, List.of(), true, false))
                .isEqualTo("workflows.argoproj.io/completed=true");
        assertThat(WorkflowSelection.labelSelector("", List.of(), false, true))
                .isEqualTo("workflows.argoproj.io/completed!=true");
    }
}
