package dev.skiff.engine.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.skiff.engine.model.WorkflowCodec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which artifacts lint lets through to the local executor, and how it refuses the others. */
class ArtifactSupportTest {

    private static List<LintProblem> lint(String templates) {
        return WorkflowLinter.lint(WorkflowCodec.read("""
                metadata: {name: arts}
                spec:
                  entrypoint: main
                  templates:
                """ + templates.indent(4), "t.yaml"), Map.of());
    }

    @Test
    void localArtifactsPassLint() {
        assertThat(lint("""
                - name: main
                  steps:
                    - - {name: gen, template: gen}
                    - - name: use
                        template: use
                        arguments:
                          artifacts:
                            - {name: a, from: "{{steps.gen.outputs.artifacts.out}}"}
                            - {name: b, raw: {data: hi}}
                            - {name: c, s3: {key: some/key}}
                - name: gen
                  container: {image: alpine, command: ["true"]}
                  outputs:
                    artifacts:
                      - {name: out, path: /tmp/out, archive: {none: {}}, optional: true, globalName: g}
                - name: use
                  inputs:
                    artifacts: [{name: a, path: /in/a}, {name: b, path: /in/b}, {name: c, path: /in/c, mode: 0755}]
                  container: {image: alpine, command: ["true"]}
                """)).isEmpty();
    }

    @Test
    void remoteStoresAreRefusedAsUnsupportedByTheLocalExecutor() {
        List<LintProblem> problems = lint("""
                - name: main
                  inputs:
                    artifacts:
                      - {name: bucket, path: /in/a, s3: {bucket: my-bucket, key: k, endpoint: "minio:9000"}}
                      - {name: repo, path: /in/b, git: {repo: "https://github.com/argoproj/argo-workflows.git"}}
                  container: {image: alpine, command: ["true"]}
                  outputs:
                    artifacts: [{name: up, path: /tmp/up, gcs: {bucket: b, key: k}}]
                """);

        assertThat(problems).extracting(LintProblem::message, LintProblem::kind).containsExactly(
                tuple("templates.main.inputs.artifacts.bucket: s3 artifacts with a bucket or endpoint are not "
                        + "supported by the local executor without the artifacts-s3 plugin", ProblemKind.UNSUPPORTED),
                tuple("templates.main.inputs.artifacts.repo: git artifacts are not supported by the local executor",
                        ProblemKind.UNSUPPORTED),
                tuple("templates.main.outputs.artifacts.up: gcs artifacts are not supported by the local executor",
                        ProblemKind.UNSUPPORTED));
        assertThat(problems.getFirst().hint()).contains("--artifact-repository FILE", "--secret FILE");
        assertThat(problems.get(1).hint()).contains("raw: {data: ...}", "s3: {key: ...}");
    }

    @Test
    void zipArchivesAndArchiveLogsAreRefused() {
        assertThat(lint("""
                - name: main
                  container: {image: alpine, command: ["true"]}
                  outputs:
                    artifacts:
                      - {name: z, path: /tmp/z, archive: {zip: {}}}
                      - {name: logs, path: /tmp/l, archiveLogs: true}
                """)).extracting(LintProblem::message).containsExactly(
                "templates.main.outputs.artifacts.z: archive zip is not supported by the local executor",
                "templates.main.outputs.artifacts.logs: archiveLogs is not supported by the local executor");
    }

    private static List<LintProblem> lintWith(LocalArtifactSetup setup, String artifacts) {
        return WorkflowLinter.lint(WorkflowCodec.read("""
                metadata: {name: arts}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      container: {image: alpine, command: ["true"]}
                      outputs:
                        artifacts:
                """ + artifacts.indent(10), "t.yaml"), Map.of(), ExecutionProfile.LOCAL,
                dev.skiff.engine.core.ReconcileLimits.DEFAULT, java.util.Optional.empty(), setup);
    }

    private static final String OWN_LOCATION = """
            - name: up
              path: /tmp/up
              s3:
                endpoint: "127.0.0.1:9000"
                bucket: b
                key: k
                accessKeySecret: {name: cred, key: access}
                secretKeySecret: {name: cred, key: secret}
            """;

    @Test
    void s3LocationsOfTheirOwnPassWithTheS3StoreAndTheSecretsTheyName() {
        LocalArtifactSetup setup = new LocalArtifactSetup(java.util.Set.of("s3"), false,
                java.util.Set.of("cred/access", "cred/secret"));

        assertThat(lintWith(setup, OWN_LOCATION)).isEmpty();
    }

    @Test
    void aSecretTheRunWasNotGivenIsNamed() {
        LocalArtifactSetup setup = new LocalArtifactSetup(java.util.Set.of("s3"), true, java.util.Set.of("cred/access"));

        assertThat(lintWith(setup, OWN_LOCATION)).extracting(LintProblem::message).containsExactly(
                "templates.main.outputs.artifacts.up: s3.secretKeySecret names secret cred key secret, which skiff"
                        + " run was not given (--secret FILE with that Secret)");
    }

    @Test
    void anIncompleteS3LocationNeedsAnS3RepositoryBecauseArgoRelocatesItThere() {
        String bucketOnly = "- {name: up, path: /tmp/up, s3: {bucket: other, key: k}}\n";

        assertThat(lintWith(new LocalArtifactSetup(java.util.Set.of("s3"), false, java.util.Set.of()), bucketOnly))
                .extracting(LintProblem::message).containsExactly("templates.main.outputs.artifacts.up: an s3"
                        + " artifact without endpoint, bucket and key goes to the default repository's bucket, and"
                        + " skiff run was given no S3 repository");
        assertThat(lintWith(new LocalArtifactSetup(java.util.Set.of("s3"), true, java.util.Set.of()), bucketOnly))
                .isEmpty();
    }

    @Test
    void s3FeaturesTheLocalStoreLacksAreRefusedByName() {
        LocalArtifactSetup setup = new LocalArtifactSetup(java.util.Set.of("s3"), true, java.util.Set.of());

        assertThat(lintWith(setup, """
                - {name: up, path: /tmp/up, s3: {endpoint: "e:1", bucket: b, key: k, roleARN: "arn:aws:iam::1:role/r"}}
                """)).extracting(LintProblem::message).containsExactly(
                "templates.main.outputs.artifacts.up: s3.roleARN is not supported by the local executor yet");
    }
}
