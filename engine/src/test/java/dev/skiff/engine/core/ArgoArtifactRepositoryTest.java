package dev.skiff.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowCodec;
import dev.skiff.spi.executor.StepRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Steps run by Argo's executor with Argo's artifact repository (what the controller resolved): the template handed
 * to argoexec carries the repository's archive location with Argo's key format substituted (addArchiveLocation,
 * ToArtifactLocation, substitutePodParams in workflowpod.go), nodes record keys as argoexec reports them.
 */
class ArgoArtifactRepositoryTest {

    private static final String PASSING = """
            metadata: {name: arts}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: gen, template: gen}
                    - - name: use
                        template: use
                        arguments:
                          artifacts: [{name: message, from: "{{steps.gen.outputs.artifacts.hello}}"}]
                    - - {name: plain, template: plain}
                - name: gen
                  container: {image: alpine, command: [sh, -c, "echo hi > /tmp/hello.txt"]}
                  outputs:
                    artifacts: [{name: hello, path: /tmp/hello.txt}]
                - name: use
                  inputs:
                    artifacts: [{name: message, path: /tmp/message}]
                  container: {image: alpine, command: [cat, /tmp/message]}
                - name: plain
                  container: {image: alpine, command: ["true"]}
            """;

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ObjectNode repository(String s3) {
        return json("{\"s3\": " + s3 + "}");
    }

    private static final String MINIO = """
            {"endpoint": "minio.example:9000", "bucket": "my-bucket", "insecure": true,
             "accessKeySecret": {"name": "creds", "key": "access"}, "secretKeySecret": {"name": "creds", "key": "secret"}
            """;

    private record Run(WorkflowReconciler reconciler, List<StepRequest> requests) {
    }

    /** Runs the workflow to its end, every step succeeding with its artifacts saved. */
    private static Run run(String yaml, ArtifactRepository repository) {
        Workflow wf = WorkflowAdmission.admit(WorkflowCodec.read(yaml, "w.yaml"), Map.of(), TestingRun.T0,
                new Random(1));
        WorkflowReconciler r = WorkflowReconciler.of(wf, repository);
        List<StepRequest> all = new java.util.ArrayList<>();
        List<Observation> reports = List.of();
        for (int i = 1; i < 20 && !r.phase().isDone(); i++) {
            List<StepRequest> started = r.reconcile(reports, TestingRun.T0.plusSeconds(i)).decisions().stream()
                    .filter(d -> d instanceof Decision.StartStep).map(d -> ((Decision.StartStep) d).request()).toList();
            all.addAll(started);
            int at = i;
            reports = started.stream().map(s -> (Observation) new Observation.StepObserved(s.nodeId(),
                    TestingSteps.finished(TestingSteps.Behaviour.ok(""), TestingRun.T0.plusSeconds(at),
                            TestingRun.T0.plusSeconds(at), s))).toList();
        }
        return new Run(r, all);
    }

    private static StepRequest request(Run run, String template) {
        return run.requests().stream().filter(r -> r.templateName().equals(template)).findFirst().orElseThrow();
    }

    @Test
    void theTemplateForArgoexecCarriesTheRepositorysLocationUnderArgosDefaultKeyFormat() {
        Run run = run(PASSING, ArtifactRepository.argo(repository(MINIO + ", \"keyPrefix\": \"runs\"}")));

        StepRequest gen = request(run, "gen");
        String pod = gen.ref().stepId();
        assertThat(gen.template().get("archiveLocation")).isEqualTo(Map.of("archiveLogs", false, "s3", Map.of(
                "endpoint", "minio.example:9000", "bucket", "my-bucket", "insecure", true,
                "accessKeySecret", Map.of("name", "creds", "key", "access"),
                "secretKeySecret", Map.of("name", "creds", "key", "secret"),
                "key", "runs/arts/" + pod)));
        // The location a store reads: bucket and key, the repository's settings, secrets by name only.
        assertThat(gen.outputArtifacts().getFirst().location()).isEqualTo(URI.create("s3://my-bucket/runs/arts/" + pod
                + "/hello.tgz?endpoint=minio.example%3A9000&insecure=true&accessKeySecret=creds%2Faccess"
                + "&secretKeySecret=creds%2Fsecret"));
        NodeStatus genNode = run.reconciler().status().nodes().get(gen.nodeId());
        assertThat(genNode.outputs().orElseThrow().artifacts().getFirst().json().toString())
                .isEqualTo("{\"name\":\"hello\",\"path\":\"/tmp/hello.txt\",\"s3\":{\"key\":\"runs/arts/" + pod
                        + "/hello.tgz\"}}");
        // The consumer's input is a key in the repository: argoexec needs the archive location to load it.
        StepRequest use = request(run, "use");
        assertThat(use.template()).containsKey("archiveLocation");
        assertThat(use.inputArtifacts().getFirst().location()).map(URI::getPath)
                .contains("/runs/arts/" + pod + "/hello.tgz");
        // A template with no artifact and no archived logs needs no location.
        assertThat(request(run, "plain").template()).doesNotContainKey("archiveLocation");
        assertThat(run.reconciler().phase().isDone()).isTrue();
    }

    @Test
    void aDataTemplatesSourceWithoutALocationGetsTheRepositorysArchiveLocation() {
        Run run = run("""
                metadata: {name: data}
                spec:
                  entrypoint: list
                  templates:
                    - name: list
                      data:
                        source: {artifactPaths: {name: logs, s3: {bucket: my-bucket}}}
                        transformation: [{expression: "filter(data, {# endsWith '.log'})"}]
                """, ArtifactRepository.argo(repository(MINIO + "}")));

        // Argo's addArchiveLocation counts the data source (GetArtifactIfNeeded); argoexec data completes the
        // source's location from it.
        assertThat(request(run, "list").template()).containsKey("archiveLocation");
    }

    @Test
    void aKeyFormatIsSubstitutedWithTheWorkflowsVariablesAndThePodName() {
        Run run = run(PASSING, ArtifactRepository.argo(repository(MINIO
                + ", \"keyFormat\": \"{{workflow.namespace}}/{{workflow.creationTimestamp.Y}}/{{pod.name}}\"}")));

        StepRequest gen = request(run, "gen");
        assertThat(((Map<?, ?>) ((Map<?, ?>) gen.template().get("archiveLocation")).get("s3")).get("key"))
                .isEqualTo("/2026/" + gen.ref().stepId());
    }

    @Test
    void archivedLogsNeedTheLocationEvenWithoutArtifacts() {
        String yaml = """
                metadata: {name: logs}
                spec:
                  entrypoint: main
                  archiveLogs: true
                  templates: [{name: main, container: {image: alpine, command: ["true"]}}]
                """;
        StepRequest main = run(yaml, ArtifactRepository.argo(repository(MINIO + "}"))).requests().getFirst();

        assertThat(((Map<?, ?>) main.template().get("archiveLocation")).get("archiveLogs")).isEqualTo(true);
    }

    @Test
    void withoutAConfiguredRepositoryAStepWithAnArtifactErrorsWithArgosSentence() {
        Run run = run(PASSING, ArtifactRepository.argo(json("{}")));

        NodeStatus gen = run.reconciler().status().nodes().values().stream()
                .filter(n -> n.displayName().equals("gen")).findFirst().orElseThrow();
        assertThat(gen.phase()).isEqualTo(NodePhase.ERROR);
        assertThat(gen.message()).isEqualTo("artifact storage is not configured; see the docs for setup instructions:"
                + " https://argo-workflows.readthedocs.io/en/latest/configure-artifact-repository/");
    }

    @Test
    void aVariableTheKeyFormatCannotResolveErrorsTheStepAsArgoDoes() {
        Run run = run(PASSING, ArtifactRepository.argo(repository(MINIO
                + ", \"keyFormat\": \"{{workflow.parameters.nope}}/{{pod.name}}\"}")));

        NodeStatus gen = run.reconciler().status().nodes().values().stream()
                .filter(n -> n.displayName().equals("gen")).findFirst().orElseThrow();
        assertThat(gen.phase()).isEqualTo(NodePhase.ERROR);
        assertThat(gen.message()).isEqualTo("failed to resolve {{workflow.parameters.nope}}");
    }

    @Test
    void anArtifactWithALocationOfItsOwnGoesToArgoexecAsWrittenAndIsRecordedSo() {
        String yaml = """
                metadata: {name: own}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      container: {image: alpine, command: ["true"]}
                      outputs:
                        artifacts:
                          - name: out
                            path: /tmp/out
                            gcs: {bucket: theirs, key: exact/out.tgz}
                """;
        Run run = run(yaml, ArtifactRepository.argo(repository(MINIO + "}")));

        StepRequest main = run.requests().getFirst();
        assertThat(main.outputArtifacts().getFirst().location()).isEqualTo(URI.create("gcs://theirs/exact/out.tgz"));
        NodeStatus node = run.reconciler().status().nodes().get(main.nodeId());
        assertThat(node.phase()).isEqualTo(NodePhase.SUCCEEDED);
        assertThat(node.outputs().orElseThrow().artifacts().getFirst().json().toString())
                .isEqualTo("{\"name\":\"out\",\"path\":\"/tmp/out\",\"gcs\":{\"bucket\":\"theirs\",\"key\":\"exact/out.tgz\"}}");
    }

    @Test
    void aRepositoryOfAnotherKindIsRefusedWithAMessage() {
        Run run = run(PASSING, ArtifactRepository.argo(json("{\"gcs\": {\"bucket\": \"b\"}}")));

        NodeStatus gen = run.reconciler().status().nodes().values().stream()
                .filter(n -> n.displayName().equals("gen")).findFirst().orElseThrow();
        assertThat(gen.phase()).isEqualTo(NodePhase.ERROR);
        assertThat(gen.message()).isEqualTo("the artifact repository is a gcs repository; Skiff's controller supports"
                + " S3-compatible artifact repositories only so far");
    }
}
