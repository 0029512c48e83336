package dev.skiff.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowCodec;
import dev.skiff.spi.executor.StepRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Argo's S3 repository for the local executor ({@code skiff run --artifact-repository}): keys as Argo computes them,
 * locations as {@code s3://} URIs the executor's store reads, artifacts' own locations as Argo's Relocate treats them,
 * and nothing of argoexec's protocol in the request.
 */
class LocalS3RepositoryTest {

    private static final String WORKFLOW = """
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
                - name: gen
                  container: {image: alpine, command: [sh, -c, "echo hi > /tmp/hello.txt"]}
                  outputs:
                    artifacts:
                      - {name: hello, path: /tmp/hello.txt}
                      - name: own
                        path: /tmp/own
                        s3: {endpoint: "other:9000", bucket: theirs, key: fixed/own.tgz, insecure: true}
                      - {name: relocated, path: /tmp/rel, s3: {bucket: ignored, key: my/rel.tgz}}
                - name: use
                  inputs:
                    artifacts: [{name: message, path: /tmp/message}]
                  container: {image: alpine, command: [cat, /tmp/message]}
            """;

    private static ObjectNode repository() throws Exception {
        return (ObjectNode) new ObjectMapper().readTree("""
                {"archiveLogs": true, "s3": {"endpoint": "127.0.0.1:9000", "bucket": "my-bucket", "insecure": true,
                 "keyFormat": "runs/{{workflow.name}}/{{pod.name}}",
                 "accessKeySecret": {"name": "cred", "key": "a"}, "secretKeySecret": {"name": "cred", "key": "s"}}}
                """);
    }

    @Test
    void keysFollowTheKeyFormatAndLocationsCarryTheRepositorysSettings() throws Exception {
        Workflow wf = WorkflowAdmission.admit(WorkflowCodec.read(WORKFLOW, "w.yaml"), Map.of(), TestingRun.T0,
                new Random(1));
        WorkflowReconciler r = WorkflowReconciler.of(wf, ArtifactRepository.local(repository(), Set.of("s3")));
        List<StepRequest> all = new ArrayList<>();
        List<Observation> reports = List.of();
        for (int i = 1; i < 10 && !r.phase().isDone(); i++) {
            List<StepRequest> started = r.reconcile(reports, TestingRun.T0.plusSeconds(i)).decisions().stream()
                    .filter(d -> d instanceof Decision.StartStep).map(d -> ((Decision.StartStep) d).request()).toList();
            all.addAll(started);
            int at = i;
            reports = started.stream().map(s -> (Observation) new Observation.StepObserved(s.nodeId(),
                    TestingSteps.finished(TestingSteps.Behaviour.ok(""), TestingRun.T0.plusSeconds(at),
                            TestingRun.T0.plusSeconds(at), s))).toList();
        }
        StepRequest gen = all.stream().filter(s -> s.templateName().equals("gen")).findFirst().orElseThrow();
        String pod = gen.ref().stepId();
        String settings = "?endpoint=127.0.0.1%3A9000&insecure=true&accessKeySecret=cred%2Fa&secretKeySecret=cred%2Fs";

        assertThat(gen.outputArtifacts()).extracting(a -> a.location()).containsExactly(
                URI.create("s3://my-bucket/runs/arts/" + pod + "/hello.tgz" + settings),
                URI.create("s3://theirs/fixed/own.tgz?endpoint=other%3A9000&insecure=true"),
                URI.create("s3://my-bucket/my/rel.tgz" + settings));
        // No archive location: the local executor is not argoexec, and logs are not archived.
        assertThat(gen.template()).doesNotContainKey("archiveLocation");
        NodeStatus genNode = r.status().nodes().get(gen.nodeId());
        assertThat(genNode.outputs().orElseThrow().artifacts()).extracting(a -> a.json().path("s3").toString())
                .containsExactly("{\"key\":\"runs/arts/" + pod + "/hello.tgz\"}",
                        "{\"endpoint\":\"other:9000\",\"bucket\":\"theirs\",\"key\":\"fixed/own.tgz\",\"insecure\":true}",
                        "{\"bucket\":\"ignored\",\"key\":\"my/rel.tgz\"}");
        StepRequest use = all.stream().filter(s -> s.templateName().equals("use")).findFirst().orElseThrow();
        assertThat(use.inputArtifacts().getFirst().location())
                .contains(URI.create("s3://my-bucket/runs/arts/" + pod + "/hello.tgz" + settings));
        assertThat(r.phase().isDone()).isTrue();
    }
}
