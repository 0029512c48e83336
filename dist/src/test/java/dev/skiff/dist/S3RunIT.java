package dev.skiff.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skiff.testbed.S3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/skiff run --artifact-repository} against a real S3 server on the loopback (moto; every request's SigV4
 * signature checked): artifacts go to the bucket under Argo's keys and come back into the next step; artifacts with
 * a location of their own go there; wrong or missing credentials end as a user would expect, secrets never shown.
 */
class S3RunIT {

    private static final String BUCKET = "skiff-artifacts";
    private static final String OTHER = "elsewhere";
    private static S3Server server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start(@TempDir Path logs) throws Exception {
        server = S3Server.start(logs, List.of(BUCKET, OTHER));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static final String WORKFLOW = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: s3-run}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: gen, template: gen}
                    - - name: use
                        template: use
                        arguments:
                          artifacts:
                            - {name: file, from: "{{steps.gen.outputs.artifacts.file}}"}
                            - {name: tree, from: "{{steps.gen.outputs.artifacts.tree}}"}
                            - {name: own, from: "{{steps.gen.outputs.artifacts.own}}"}
                - name: gen
                  script:
                    image: alpine
                    command: [sh]
                    source: |
                      echo hello from s3 > /tmp/file.txt
                      mkdir -p /tmp/tree/sub && echo a > /tmp/tree/a.txt && echo b > /tmp/tree/sub/b.txt
                      echo mine > /tmp/own.txt
                  outputs:
                    artifacts:
                      - {name: file, path: /tmp/file.txt}
                      - {name: tree, path: /tmp/tree, archive: {none: {}}}
                      - name: own
                        path: /tmp/own.txt
                        archive: {none: {}}
                        s3:
                          endpoint: "%s"
                          insecure: true
                          bucket: %s
                          key: fixed/own.txt
                          accessKeySecret: {name: s3-cred, key: accessKey}
                          secretKeySecret: {name: s3-cred, key: secretKey}
                - name: use
                  inputs:
                    artifacts:
                      - {name: file, path: /tmp/in/file.txt}
                      - {name: tree, path: /tmp/in/tree}
                      - {name: own, path: /tmp/in/own.txt}
                  script:
                    image: alpine
                    command: [sh]
                    source: |
                      cat /tmp/in/file.txt /tmp/in/tree/a.txt /tmp/in/tree/sub/b.txt /tmp/in/own.txt
            """;

    private Path repository() throws Exception {
        return Files.writeString(dir.resolve("repo.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: artifact-repositories
                  annotations: {workflows.argoproj.io/default-artifact-repository: mine}
                data:
                  mine: |
                    s3:
                      bucket: %s
                      endpoint: %s
                      insecure: true
                      keyFormat: "runs/{{workflow.name}}/{{pod.name}}"
                      accessKeySecret: {name: s3-cred, key: accessKey}
                      secretKeySecret: {name: s3-cred, key: secretKey}
                """.formatted(BUCKET, server.endpoint()));
    }

    private Path secret(String secretKey) throws Exception {
        return Files.writeString(dir.resolve("cred.yaml"), """
                apiVersion: v1
                kind: Secret
                metadata: {name: s3-cred}
                stringData: {accessKey: %s}
                data: {secretKey: %s}
                """.formatted(server.accessKey(), Base64.getEncoder().encodeToString(secretKey.getBytes())));
    }

    private Path workflow() throws Exception {
        return Files.writeString(dir.resolve("wf.yaml"), WORKFLOW.formatted(server.endpoint(), OTHER));
    }

    @Test
    void artifactsGoToTheBucketUnderArgosKeysAndComeBackIntoTheNextStep() throws Exception {
        Path work = dir.resolve("work");
        TestingLauncher.Result result = TestingLauncher.run(Map.of(), "run", workflow().toString(),
                "--artifact-repository", repository().toString(), "--secret", secret(server.secretKey()).toString(),
                "-o", "json", "--work-dir", work.toString());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode wf = new ObjectMapper().readTree(result.stdout());
        JsonNode gen = node(wf, "gen");
        String pod = "s3-run-gen-" + gen.path("id").asText().substring("s3-run-".length());
        assertThat(gen.path("outputs").path("artifacts")).extracting(a -> a.path("s3").path("key").asText())
                .containsExactly(
                "runs/s3-run/" + pod + "/file.tgz", "runs/s3-run/" + pod + "/tree", "fixed/own.txt");
        String use = "s3-run-use-" + node(wf, "use").path("id").asText().substring("s3-run-".length());
        assertThat(work.resolve(use).resolve("stdout.log")).hasContent("hello from s3\na\nb\nmine");
        List<String> objects = server.objects(BUCKET).stream().filter(o -> o.startsWith("runs/")).toList();
        assertThat(objects).containsExactly("runs/s3-run/" + pod + "/file.tgz=" + sizeOf(objects.getFirst()),
                "runs/s3-run/" + pod + "/tree/a.txt=2", "runs/s3-run/" + pod + "/tree/sub/b.txt=2");
        assertThat(server.objects(OTHER)).contains("fixed/own.txt=5");
        assertThat(result.stderr() + result.stdout()).doesNotContain(server.secretKey());
    }

    @Test
    void aWrongSecretKeyFailsTheStepWithTheServersRefusalAndNeverShowsTheKey() throws Exception {
        String wrong = "not-" + server.secretKey();
        TestingLauncher.Result result = TestingLauncher.run(Map.of(), "run", workflow().toString(),
                "--artifact-repository", repository().toString(), "--secret", secret(wrong).toString(), "-o", "json",
                "--work-dir", dir.resolve("work").toString());

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
        JsonNode gen = node(new ObjectMapper().readTree(result.stdout()), "gen");
        // As Argo records a wait container that could not save an output: the node errors.
        assertThat(gen.path("phase").asText()).isEqualTo("Error");
        assertThat(gen.path("message").asText()).startsWith("wait: Error (exit code 64): failed to put s3://")
                .contains("SignatureDoesNotMatch, HTTP 403");
        assertThat(result.stderr() + result.stdout()).doesNotContain(wrong).doesNotContain(server.secretKey());
    }

    @Test
    void aRepositoryWhoseSecretWasNotGivenIsRefusedBeforeTheRun() throws Exception {
        TestingLauncher.Result result = TestingLauncher.run(Map.of(), "run", workflow().toString(),
                "--artifact-repository", repository().toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("s3.accessKeySecret names secret s3-cred key accessKey: give skiff run"
                + " that Secret with --secret FILE").doesNotContain("Exception");
    }

    @Test
    void withoutARepositoryAnS3LocationOfItsOwnStillWorksWhenItsSecretsAreGiven() throws Exception {
        Path wf = Files.writeString(dir.resolve("own.yaml"), """
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {generateName: own-}
                spec:
                  entrypoint: up
                  templates:
                    - name: up
                      container: {image: alpine, command: [sh, -c, "echo up > /tmp/up.txt"]}
                      outputs:
                        artifacts:
                          - name: up
                            path: /tmp/up.txt
                            s3:
                              endpoint: "%s"
                              insecure: true
                              bucket: %s
                              key: solo/up.tgz
                              accessKeySecret: {name: s3-cred, key: accessKey}
                              secretKeySecret: {name: s3-cred, key: secretKey}
                """.formatted(server.endpoint(), OTHER));

        TestingLauncher.Result refused = TestingLauncher.run(Map.of(), "run", wf.toString());
        TestingLauncher.Result linted = TestingLauncher.run(Map.of(), "lint", wf.toString(), "--secret",
                secret(server.secretKey()).toString());
        TestingLauncher.Result ran = TestingLauncher.run(Map.of(), "run", wf.toString(), "--secret",
                secret(server.secretKey()).toString());

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stderr()).contains("s3.accessKeySecret names secret s3-cred key accessKey, which skiff run"
                + " was not given");
        assertThat(linted.exitCode()).as(linted.stderr()).isZero();
        assertThat(ran.exitCode()).as(ran.stderr()).isZero();
        assertThat(server.objects(OTHER)).anyMatch(o -> o.startsWith("solo/up.tgz="));
    }

    @Test
    void artifactGcDeletesOnCompletionArtifactsAndKeepsOnDeletionOnesAsNoWorkflowObjectIsDeleted() throws Exception {
        Path wf = Files.writeString(dir.resolve("gc.yaml"), """
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {name: gc-run}
                spec:
                  entrypoint: main
                  artifactGC: {strategy: OnWorkflowDeletion}
                  templates:
                    - name: main
                      container:
                        image: alpine
                        command: [sh, -c]
                        args: ["echo hi > /tmp/on-completion.txt; echo hi > /tmp/on-deletion.txt"]
                      outputs:
                        artifacts:
                          - name: on-completion
                            path: /tmp/on-completion.txt
                            s3: {key: gc/on-completion.txt}
                            artifactGC: {strategy: OnWorkflowCompletion}
                          - {name: on-deletion, path: /tmp/on-deletion.txt, s3: {key: gc/on-deletion.txt}}
                """);

        TestingLauncher.Result result = TestingLauncher.run(Map.of(), "run", wf.toString(), "--artifact-repository",
                repository().toString(), "--secret", secret(server.secretKey()).toString(), "-o", "json");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode artifacts = node(new ObjectMapper().readTree(result.stdout()), "gc-run").path("outputs")
                .path("artifacts");
        assertThat(artifacts).extracting(a -> a.path("deleted").asBoolean(false)).containsExactly(true, false);
        assertThat(server.objects(BUCKET)).map(o -> o.substring(0, o.indexOf('='))).filteredOn(k -> k.startsWith("gc/"))
                .containsExactly("gc/on-deletion.txt");
        assertThat(result.stderr()).contains("artifactGC OnWorkflowDeletion: a local run has no Workflow object to"
                + " delete; its 1 artifact stays in the repository");
    }

    private static JsonNode node(JsonNode wf, String displayName) {
        for (JsonNode n : wf.path("status").path("nodes")) {
            if (n.path("displayName").asText().equals(displayName)) {
                return n;
            }
        }
        throw new AssertionError("no node " + displayName + " in " + wf);
    }

    private static String sizeOf(String entry) {
        return entry.substring(entry.indexOf('=') + 1);
    }
}
