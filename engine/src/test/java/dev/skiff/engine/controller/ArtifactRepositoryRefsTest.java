package dev.skiff.engine.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.skiff.engine.controller.ArtifactRepositoryRefs.Candidate;
import dev.skiff.engine.controller.ArtifactRepositoryRefs.ConfigMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Argo's artifactrepositories.go Resolve/get, as the pure part of the controller's resolution. */
class ArtifactRepositoryRefsTest {

    private static final String S3 = "s3:\n  bucket: my-bucket\n  endpoint: minio:9000\n  insecure: true\n";

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void withoutAReferenceTheWorkflowsNamespaceComesFirstThenTheControllersDefault() {
        assertThat(ArtifactRepositoryRefs.candidates(MissingNode.getInstance(), "team", "argo")).containsExactly(
                new Candidate("team", "", "", false, false), new Candidate("argo", "", "", true, true));
    }

    @Test
    void aReferenceIsLookedUpInTheWorkflowsNamespaceThenTheControllers() throws Exception {
        assertThat(ArtifactRepositoryRefs.candidates(json("{\"configMap\": \"repos\", \"key\": \"fast\"}"), "team",
                "argo")).containsExactly(new Candidate("team", "repos", "fast", false, false),
                new Candidate("argo", "repos", "fast", true, false));
    }

    @Test
    void theConfigMapsDefaultKeyComesFromItsAnnotationAndTheWholeRepositoryIsRecorded() throws Exception {
        var ref = ArtifactRepositoryRefs.fromConfigMap(new Candidate("team", "", "", false, false), new ConfigMap(
                Map.of("my-repo", S3), Map.of("workflows.argoproj.io/default-artifact-repository", "my-repo")));

        assertThat(ref).isPresent();
        assertThat(ref.get()).isEqualTo(json("""
                {"configMap": "artifact-repositories", "key": "my-repo", "namespace": "team",
                 "artifactRepository": {"s3": {"bucket": "my-bucket", "endpoint": "minio:9000", "insecure": true}}}
                """));
    }

    @Test
    void aConfigMapWithoutTheKeyIsSkippedAndABrokenValueIsAnError() throws Exception {
        Candidate named = new Candidate("team", "repos", "fast", false, false);
        assertThat(ArtifactRepositoryRefs.fromConfigMap(named, new ConfigMap(Map.of("slow", S3), Map.of())))
                .isEmpty();
        assertThat(ArtifactRepositoryRefs.fromConfigMap(new Candidate("team", "", "", false, false),
                new ConfigMap(Map.of("x", S3), Map.of()))).as("no key and no annotation").isEmpty();
        assertThatThrownBy(() -> ArtifactRepositoryRefs.fromConfigMap(named, new ConfigMap(Map.of("fast",
                "- a list"), Map.of()))).hasMessage("failed to unmarshall config map key \"fast\" for artifact"
                + " repository ref \"team/repos\": not an artifact repository (a map such as s3: {bucket: ...,"
                + " endpoint: ...})");
    }

    @Test
    void theControllersDefaultComesFromItsConfigMapEitherKeyAndIsRecordedAsDefault() throws Exception {
        var own = ArtifactRepositoryRefs.controllerRepository(new ConfigMap(Map.of("artifactRepository", S3),
                Map.of()));
        var inConfig = ArtifactRepositoryRefs.controllerRepository(new ConfigMap(Map.of("config",
                "artifactRepository:\n  " + S3.replace("\n  ", "\n    ").replace("s3:", "s3:").strip() + "\n"),
                Map.of()));

        assertThat(own).isPresent();
        assertThat(inConfig).isEqualTo(own);
        assertThat(ArtifactRepositoryRefs.controllerDefault(own)).isEqualTo(json("""
                {"default": true,
                 "artifactRepository": {"s3": {"bucket": "my-bucket", "endpoint": "minio:9000", "insecure": true}}}
                """));
        assertThat(ArtifactRepositoryRefs.controllerDefault(Optional.empty()))
                .isEqualTo(json("{\"default\": true, \"artifactRepository\": {}}"));
    }

    @Test
    void nothingFoundIsArgosMessage() throws Exception {
        assertThat(ArtifactRepositoryRefs.notFound(json("{\"configMap\": \"repos\", \"key\": \"fast\"}")))
                .isEqualTo("failed to find any artifact repository for artifact repository ref \"&{repos fast}\"");
    }
}
