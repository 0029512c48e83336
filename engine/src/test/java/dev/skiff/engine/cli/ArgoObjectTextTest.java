package dev.skiff.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@code skiff cron get|list} and {@code skiff template list} print, as Argo's CLI. */
class ArgoObjectTextTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:30:00Z");

    private static ObjectNode cron() throws Exception {
        return (ObjectNode) new YAMLMapper().readTree("""
                apiVersion: argoproj.io/v1alpha1
                kind: CronWorkflow
                metadata: {name: nightly, namespace: team, creationTimestamp: "2026-03-01T09:30:00Z"}
                spec:
                  schedules: ["0 10 * * *"]
                  concurrencyPolicy: Forbid
                  startingDeadlineSeconds: 30
                  workflowSpec: {arguments: {parameters: [{name: who, value: me}]}}
                status:
                  active: [{name: nightly-1, uid: u}]
                  lastScheduledTime: "2026-03-02T09:00:00Z"
                  conditions: [{type: SubmissionError, status: "True", message: "Failed to submit Workflow: x"}]
                """);
    }

    @Test
    void cronGetShowsArgosFieldsInArgosOrder() throws Exception {
        List<String> lines = ArgoObjectText.cronLines(cron(), NOW);
        assertThat(lines.stream().map(l -> l.split(":")[0]).toList()).containsExactly("Name", "Namespace", "Created",
                "Schedules", "Suspended", "StartingDeadlineSeconds", "ConcurrencyPolicy", "LastScheduledTime",
                "NextScheduledTime", "Active Workflows", "Conditions", "✖ SubmissionError              Failed to submit Workflow",
                "Workflow Parameters", "  who");
        assertThat(lines.get(0)).isEqualTo("Name:                          nightly");
        assertThat(lines.get(8)).contains("(in 30m)", "(assumes workflow-controller is in UTC)");
    }

    @Test
    void cronListRowsHaveAgeLastRunAndNextRun() throws Exception {
        assertThat(ArgoObjectText.cronRow(cron(), NOW, false)).containsExactly("nightly", "1d", "30m", "30m",
                "0 10 * * *", "", "false");
        assertThat(ArgoObjectText.table(List.of(List.of("NAME", "AGE"), List.of("nightly", "1d"))))
                .containsExactly("NAME      AGE", "nightly   1d");
    }
}
