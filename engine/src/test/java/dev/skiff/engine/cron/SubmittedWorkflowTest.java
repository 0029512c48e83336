package dev.skiff.engine.cron;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** {@code argo submit --from cronwf/NAME}'s Workflow (Argo's {@code ConvertCronWorkflowToWorkflow}). */
class SubmittedWorkflowTest {

    @Test
    void itHasAGenerateNameTheCronLabelsAnnotationOwnerAndSpecButNotTheCreatorLabels() throws Exception {
        ObjectNode doc = (ObjectNode) new YAMLMapper().readTree("""
                apiVersion: argoproj.io/v1alpha1
                kind: CronWorkflow
                metadata:
                  name: nightly
                  namespace: team
                  uid: cron-uid
                  labels: {workflows.argoproj.io/creator: alice, workflows.argoproj.io/controller-instanceid: i1}
                spec:
                  schedules: ["0 9 * * *"]
                  workflowMetadata: {labels: {kind: nightly}, annotations: {note: n}}
                  workflowSpec: {entrypoint: main, templates: [{name: main, container: {image: busybox}}]}
                """);
        ObjectNode wf = SubmittedWorkflow.of(CronWorkflow.read(doc), Instant.parse("2026-03-02T09:00:07Z"),
                ZoneOffset.UTC);

        assertThat(wf.path("metadata").has("name")).isFalse();
        assertThat(wf.path("metadata").path("generateName").asText()).isEqualTo("nightly-");
        assertThat(wf.path("metadata").path("namespace").asText()).isEqualTo("team");
        assertThat(wf.path("metadata").path("labels").toString()).isEqualTo("{\"workflows.argoproj.io/"
                + "controller-instanceid\":\"i1\",\"workflows.argoproj.io/cron-workflow\":\"nightly\",\"kind\":"
                + "\"nightly\"}");
        assertThat(wf.path("metadata").path("annotations").toString()).isEqualTo("{\"workflows.argoproj.io/"
                + "scheduled-time\":\"2026-03-02T09:00:07Z\",\"note\":\"n\"}");
        assertThat(wf.path("metadata").path("ownerReferences").get(0).toString()).isEqualTo("{\"apiVersion\":"
                + "\"argoproj.io/v1alpha1\",\"kind\":\"CronWorkflow\",\"name\":\"nightly\",\"uid\":\"cron-uid\","
                + "\"controller\":true,\"blockOwnerDeletion\":true}");
        assertThat(wf.path("spec")).isEqualTo(doc.path("spec").path("workflowSpec"));
    }
}
