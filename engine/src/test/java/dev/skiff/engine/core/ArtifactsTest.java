package dev.skiff.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.model.Artifact;
import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.WorkflowPhase;
import dev.skiff.engine.model.WorkflowStatus;
import dev.skiff.spi.executor.ArtifactArchive;
import dev.skiff.spi.executor.InputArtifact;
import dev.skiff.spi.executor.OutputArtifact;
import dev.skiff.spi.executor.StepRequest;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Artifacts as the reconciler sees them: what a step must place and save (Argo's init and wait containers,
 * workflow/executor/executor.go), the keys ({@code {{workflow.name}}/{{pod.name}}/<file>}, Argo's default
 * key format, file name from stageArchiveFile), what a node records, and reference resolution
 * (resolveArtifact in workflow/controller/operator.go and steps.go).
 */
class ArtifactsTest {

    private static final String PASSING = """
            metadata: {name: pass}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - name: gen
                        template: gen
                    - - name: use
                        template: use
                        arguments:
                          artifacts: [{name: message, from: "{{steps.gen.outputs.artifacts.hello}}"}]
                - name: gen
                  container: {image: alpine, command: [sh, -c, "echo hi > /tmp/hello.txt"]}
                  outputs:
                    artifacts: [{name: hello, path: /tmp/hello.txt, globalName: greeting}]
                - name: use
                  inputs:
                    artifacts: [{name: message, path: /tmp/message, mode: 0600}]
                  container: {image: alpine, command: [cat, "{{inputs.artifacts.message.path}}"]}
            """;

    private static StepRequest request(TestingRun run, String template) {
        return run.started.stream().filter(r -> r.templateName().equals(template)).findFirst().orElseThrow();
    }

    private static List<String> artifactsJson(NodeStatus node, boolean outputs) {
        List<Artifact> list = outputs ? node.outputs().orElseThrow().artifacts() : node.inputs().orElseThrow().artifacts();
        return list.stream().map(a -> a.json().toString()).toList();
    }

    @Test
    void anOutputIsSavedUnderArgosDefaultKeyAsATarGzAndRecordedWithThatS3Key() {
        TestingRun run = TestingRun.run(PASSING, new TestingSteps());

        run.assertPhase(WorkflowPhase.SUCCEEDED);
        StepRequest gen = request(run, "gen");
        String key = "pass/" + gen.ref().stepId() + "/hello.tgz";
        assertThat(gen.ref().stepId()).startsWith("pass-gen-");
        assertThat(gen.outputArtifacts()).containsExactly(new OutputArtifact("hello", "/tmp/hello.txt",
                URI.create("file:///repo/" + key), ArtifactArchive.TAR_GZ));
        assertThat(artifactsJson(run.nodeByName("pass[0].gen"), true)).containsExactly(
                "{\"name\":\"hello\",\"path\":\"/tmp/hello.txt\",\"s3\":{\"key\":\"" + key
                        + "\"},\"globalName\":\"greeting\"}");
    }

    @Test
    void fromPlacesTheProducersArtifactAtTheInputsPathWithItsMode() {
        TestingRun run = TestingRun.run(PASSING, new TestingSteps());

        String key = "pass/" + request(run, "gen").ref().stepId() + "/hello.tgz";
        StepRequest use = request(run, "use");
        assertThat(use.inputArtifacts()).hasSize(1);
        InputArtifact in = use.inputArtifacts().get(0);
        assertThat(in.path()).isEqualTo("/tmp/message");
        assertThat(in.location()).contains(URI.create("file:///repo/" + key));
        assertThat(in.mode()).hasValue(0600);
        assertThat(use.command().command()).containsExactly("cat", "/tmp/message");
        assertThat(artifactsJson(run.nodeByName("pass[1].use"), false)).containsExactly(
                "{\"name\":\"message\",\"path\":\"/tmp/message\",\"mode\":384,\"s3\":{\"key\":\"" + key
                        + "\"},\"globalName\":\"greeting\"}");
    }

    @Test
    void aGlobalNameExportsTheArtifactToTheWorkflowsOutputsWithoutItsPath() {
        TestingRun run = TestingRun.run(PASSING, new TestingSteps());

        String key = "pass/" + request(run, "gen").ref().stepId() + "/hello.tgz";
        List<Artifact> global = run.workflow.status().flatMap(WorkflowStatus::outputs).orElseThrow().artifacts();
        assertThat(global).extracting(a -> a.json().toString())
                .containsExactly("{\"name\":\"greeting\",\"s3\":{\"key\":\"" + key + "\"}}");
    }

    @Test
    void withoutArchiveTheKeyEndsWithThePathsBaseName() {
        TestingRun run = TestingRun.run("""
                metadata: {name: plain}
                spec:
                  entrypoint: gen
                  templates:
                    - name: gen
                      container: {image: alpine, command: ["true"]}
                      outputs:
                        artifacts: [{name: dir, path: /work/out/, archive: {none: {}}}]
                """, new TestingSteps());

        StepRequest gen = request(run, "gen");
        assertThat(gen.outputArtifacts().get(0).archive()).isEqualTo(ArtifactArchive.NONE);
        assertThat(gen.outputArtifacts().get(0).path()).isEqualTo("/work/out");
        assertThat(gen.outputArtifacts().get(0).location())
                .isEqualTo(URI.create("file:///repo/plain/plain/out"));
    }

    @Test
    void aMissingRequiredOutputErrorsTheNodeWithTheWaitContainersMessage() {
        TestingRun run = TestingRun.run(PASSING, new TestingSteps()
                .on("gen", TestingSteps.Behaviour.ok("").withoutArtifacts("hello")));

        run.assertPhase(WorkflowPhase.FAILED);
        NodeStatus gen = run.nodeByName("pass[0].gen");
        assertThat(gen.phase()).isEqualTo(NodePhase.ERROR);
        assertThat(gen.message()).isEqualTo("wait: Error (exit code 64): open "
                + "/var/run/argo/outputs/artifacts/tmp/hello.txt.tgz: no such file or directory; ");
        assertThat(run.started).extracting(StepRequest::templateName).containsExactly("gen");
    }

    @Test
    void aMissingOptionalOutputIsLeftOutAndTheNodeSucceeds() {
        TestingRun run = TestingRun.run("""
                metadata: {name: opt}
                spec:
                  entrypoint: gen
                  templates:
                    - name: gen
                      container: {image: alpine, command: ["true"]}
                      outputs:
                        artifacts:
                          - {name: maybe, path: /tmp/maybe, optional: true}
                          - {name: sure, path: /tmp/sure}
                """, new TestingSteps().on("gen", TestingSteps.Behaviour.ok("").withoutArtifacts("maybe")));

        run.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(run.nodeByName("opt").outputs().orElseThrow().artifacts()).extracting(Artifact::name)
                .containsExactly("sure");
    }

    @Test
    void rawArtifactsAreGivenInlineAndWorkflowArgumentsReachTheEntrypoint() {
        TestingRun run = TestingRun.run("""
                metadata: {name: raw}
                spec:
                  entrypoint: show
                  arguments:
                    artifacts: [{name: config, raw: {data: "a=1"}}]
                  templates:
                    - name: show
                      inputs:
                        artifacts:
                          - {name: config, path: /in/config}
                          - {name: note, path: /in/note, raw: {data: "hello"}}
                          - {name: absent, path: /in/absent, optional: true}
                      container: {image: alpine, command: [cat, /in/config]}
                """, new TestingSteps());

        run.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(request(run, "show").inputArtifacts()).extracting(InputArtifact::name, InputArtifact::path,
                        InputArtifact::data)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("config", "/in/config", Optional.of("a=1")),
                        org.assertj.core.groups.Tuple.tuple("note", "/in/note", Optional.of("hello")));
    }

    @Test
    void aRequiredInputWithoutArgumentErrorsTheStepAsArgoDoes() {
        TestingRun run = TestingRun.run("""
                metadata: {name: need}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps: [[{name: use, template: use}]]
                    - name: use
                      inputs: {artifacts: [{name: data, path: /in/data}]}
                      container: {image: alpine, command: ["true"]}
                """, new TestingSteps());

        run.assertPhase(WorkflowPhase.FAILED);
        assertThat(run.nodeByName("need[0].use").phase()).isEqualTo(NodePhase.ERROR);
        assertThat(run.nodeByName("need[0].use").message()).isEqualTo("inputs.artifacts.data was not supplied");
        assertThat(run.started).isEmpty();
    }

    @Test
    void aKeyOnlyArtifactIsReadFromTheRepositoryAndSubPathExtendsAKey() {
        TestingRun run = TestingRun.run("""
                metadata: {name: keys}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      dag:
                        tasks:
                          - {name: gen, template: gen}
                          - name: use
                            template: use
                            depends: gen
                            arguments:
                              artifacts: [{name: one, from: "{{tasks.gen.outputs.artifacts.dir}}", subPath: a/b.txt}]
                    - name: gen
                      container: {image: alpine, command: ["true"]}
                      outputs:
                        artifacts: [{name: dir, path: /out, archive: {none: {}}, s3: {key: "{{workflow.name}}/dir"}}]
                    - name: use
                      inputs: {artifacts: [{name: one, path: /in/b.txt}]}
                      container: {image: alpine, command: ["true"]}
                """, new TestingSteps());

        run.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(request(run, "gen").outputArtifacts().get(0).location()).isEqualTo(URI.create("file:///repo/keys/dir"));
        assertThat(request(run, "use").inputArtifacts().get(0).location())
                .contains(URI.create("file:///repo/keys/dir/a/b.txt"));
    }

    @Test
    void fromExpressionPicksTheArtifactOfTheStepThatRan() {
        TestingRun run = TestingRun.run("""
                metadata: {name: pick}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - {name: flip, template: flip}
                        - - {name: heads, template: side, when: "{{steps.flip.outputs.result}} == heads"}
                          - {name: tails, template: side, when: "{{steps.flip.outputs.result}} == tails"}
                      outputs:
                        artifacts:
                          - name: result
                            fromExpression: "steps.flip.outputs.result == 'heads' ? steps.heads.outputs.artifacts.out : steps.tails.outputs.artifacts.out"
                    - name: flip
                      container: {image: alpine, command: ["true"]}
                    - name: side
                      container: {image: alpine, command: ["true"]}
                      outputs: {artifacts: [{name: out, path: /tmp/out}]}
                """, new TestingSteps().on("flip", TestingSteps.Behaviour.ok("tails")));

        run.assertPhase(WorkflowPhase.SUCCEEDED);
        String tailsPod = request(run, "side").ref().stepId();
        assertThat(artifactsJson(run.nodeByName("pick"), true)).containsExactly(
                "{\"name\":\"result\",\"path\":\"/tmp/out\",\"s3\":{\"key\":\"pick/" + tailsPod + "/out.tgz\"}}");
    }
}
