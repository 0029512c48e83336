package dev.skiff.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files of skiff run --artifact-repository and --secret, as an Argo user has them. */
class LocalArtifactRepositoryTest {

    @TempDir
    Path dir;

    private static final String CONFIG_MAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: artifact-repositories
              annotations: {workflows.argoproj.io/default-artifact-repository: minio}
            data:
              minio: |
                s3: {bucket: default-bucket, endpoint: "minio:9000", insecure: true,
                     accessKeySecret: {name: cred, key: accesskey}, secretKeySecret: {name: cred, key: secretkey}}
              other: |
                s3: {bucket: other-bucket, endpoint: "minio:9000"}
            """;

    private LocalSecrets secrets() throws Exception {
        return LocalSecrets.read(List.of(Files.writeString(dir.resolve("s.yaml"), """
                apiVersion: v1
                kind: Secret
                metadata: {name: cred}
                data: {accesskey: YWJj}
                stringData: {secretkey: "s3cr3t"}
                """)));
    }

    private ObjectNodeView read(String text, LocalSecrets secrets, String ref) throws Exception {
        Path file = Files.writeString(dir.resolve("repo.yaml"), text);
        JsonNode refNode = ref.isEmpty() ? MissingNode.getInstance() : new ObjectMapper().readTree(ref);
        return new ObjectNodeView(LocalArtifactRepository.read(file, true, secrets, refNode));
    }

    private record ObjectNodeView(JsonNode node) {
        String bucket() {
            return node.path("s3").path("bucket").asText();
        }
    }

    @Test
    void secretsComeFromDataAndStringData() throws Exception {
        assertThat(secrets().value("cred", "accesskey")).contains("abc");
        assertThat(secrets().value("cred", "secretkey")).contains("s3cr3t");
        assertThat(secrets().keys()).containsExactlyInAnyOrder("cred/accesskey", "cred/secretkey");
    }

    @Test
    void aConfigMapGivesItsDefaultKeyOrTheKeyTheWorkflowsRefNames() throws Exception {
        assertThat(read(CONFIG_MAP, secrets(), "").bucket()).isEqualTo("default-bucket");
        assertThat(read(CONFIG_MAP, secrets(), "{\"key\": \"other\"}").bucket()).isEqualTo("other-bucket");
        assertThatThrownBy(() -> read(CONFIG_MAP, secrets(), "{\"configMap\": \"elsewhere\"}"))
                .hasMessageEndingWith("spec.artifactRepositoryRef names ConfigMap elsewhere, and this file holds"
                        + " ConfigMap artifact-repositories");
    }

    @Test
    void theRepositoryObjectItselfOrAControllerConfigValueIsTaken() throws Exception {
        assertThat(read("s3: {bucket: plain}", LocalSecrets.none(), "").bucket()).isEqualTo("plain");
        assertThat(read("artifactRepository: {s3: {bucket: wrapped}}", LocalSecrets.none(), "").bucket())
                .isEqualTo("wrapped");
    }

    @Test
    void whatALocalRunCannotUseIsRefusedByName() {
        assertThatThrownBy(() -> read("gcs: {bucket: g}", LocalSecrets.none(), ""))
                .isInstanceOf(UserInputException.class).hasMessageContaining("S3-compatible artifact repositories"
                        + " (s3: ...) only; this one is gcs");
        assertThatThrownBy(() -> read(CONFIG_MAP, LocalSecrets.none(), ""))
                .hasMessageContaining("s3.accessKeySecret names secret cred key accesskey: give skiff run that"
                        + " Secret with --secret FILE");
        assertThatThrownBy(() -> read("s3: {bucket: b, roleARN: \"arn:aws:iam::1:role/r\"}", LocalSecrets.none(), ""))
                .hasMessageEndingWith("s3.roleARN is not supported by skiff run yet");
        assertThatThrownBy(() -> read("s3: {endpoint: e}", LocalSecrets.none(), ""))
                .hasMessageEndingWith("s3.bucket is not set");
    }

    @Test
    void aSecretFileWithAnotherKindOrBadBase64IsRefusedWithoutItsValues() throws Exception {
        Path notSecret = Files.writeString(dir.resolve("cm.yaml"), "kind: ConfigMap\nmetadata: {name: x}\n");
        Path badData = Files.writeString(dir.resolve("bad.yaml"),
                "kind: Secret\nmetadata: {name: x}\ndata: {k: \"not base64 !!\"}\n");

        assertThatThrownBy(() -> LocalSecrets.read(List.of(notSecret))).hasMessageContaining("is not a Kubernetes Secret");
        assertThatThrownBy(() -> LocalSecrets.read(List.of(badData))).hasMessageEndingWith(
                "secret x key k: data is not base64 (use stringData for plain text)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not base64 !!"));
    }
}
