package dev.skiff.executor.pod.build;

import static dev.skiff.executor.pod.build.PodAssertions.container;
import static dev.skiff.executor.pod.build.PodAssertions.env;
import static dev.skiff.executor.pod.build.PodAssertions.initContainer;
import static dev.skiff.executor.pod.build.PodAssertions.json;
import static dev.skiff.executor.pod.build.PodAssertions.mountPaths;
import static dev.skiff.executor.pod.build.PodAssertions.names;
import static dev.skiff.executor.pod.build.PodAssertions.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.executor.pod.TestingRequests;
import dev.skiff.executor.pod.json.GoJson;
import dev.skiff.executor.pod.json.JsonTree;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Artifact plumbing of the pod: addInputArtifactsVolumes (legacy layout), createSecretVolumesAndMounts,
 * addArchiveLocation (workflowpod.go; TestScriptTemplateWithoutVolumeOptionalArtifact and
 * TestConditionalNoAddArchiveLocation in workflowpod_test.go).
 */
class PodArtifactsTest {

    @Test
    void inputArtifactsGetAVolumeInitFillsAndMainMountsPerArtifact() throws Exception {
        BuiltPod built = PodBuilder.build(TestingRequests.of("""
                {"name": "t", "inputs": {"artifacts": [
                   {"name": "manifest", "path": "/manifest", "raw": {"data": "x"}},
                   {"name": "skipped", "path": "/opt/skip", "optional": true},
                   {"name": "onvol", "path": "/work/in", "raw": {"data": "y"}}]},
                 "container": {"image": "a", "command": ["x"], "volumeMounts": [{"name": "w", "mountPath": "/work"}]},
                 "volumes": [{"name": "w", "emptyDir": {}}]}""").build(), PodSettings.defaults(), PodBuilderTest.NOW);

        assertThat(names(spec(built).get("volumes"))).containsExactly("var-run-argo", "tmp-dir-argo", "w", "input-artifacts");
        assertThat(mountPaths(initContainer(built, "init"))).containsExactly("input-artifacts:/argo/inputs/artifacts",
                "w:/mainctrfs/work", "var-run-argo:/var/run/argo");
        Map<String, Object> main = container(built, "main");
        // optional without a location, and an artifact on a mounted volume, get no mount of their own
        assertThat(mountPaths(main)).containsExactly("w:/work", "input-artifacts:/manifest", "var-run-argo:/var/run/argo");
        Map<String, Object> manifest = JsonTree.object(JsonTree.list(main.get("volumeMounts")).get(1));
        assertThat(manifest).containsEntry("subPath", "manifest");
        assertThat(mountPaths(container(built, "wait"))).containsExactly("w:/mainctrfs/work",
                "input-artifacts:/mainctrfs/manifest", "tmp-dir-argo:/tmp", "var-run-argo:/var/run/argo");
    }

    @Test
    void artifactSecretsAreMountedIntoInitAndWait() throws Exception {
        BuiltPod built = PodBuilder.build(TestingRequests.of("""
                {"name": "t", "container": {"image": "a", "command": ["x"]},
                 "outputs": {"artifacts": [{"name": "o", "path": "/tmp/o", "s3": {"endpoint": "minio:9000",
                   "bucket": "b", "key": "k", "accessKeySecret": {"name": "creds", "key": "access"},
                   "secretKeySecret": {"name": "creds", "key": "secret"}}}]}}""").build(),
                PodSettings.defaults(), PodBuilderTest.NOW);

        Map<String, Object> volume = JsonTree.list(spec(built).get("volumes")).stream().map(JsonTree::object)
                .filter(v -> "creds".equals(v.get("name"))).findFirst().orElseThrow();
        assertThat(JsonTree.toGson(volume)).isEqualTo(JsonTree.toGson(json("""
                {"name": "creds", "secret": {"secretName": "creds", "items": [{"key": "access", "path": "access"},
                 {"key": "secret", "path": "secret"}]}}""")));
        assertThat(mountPaths(container(built, "wait"))).contains("creds:/argo/secret/creds");
        assertThat(mountPaths(initContainer(built, "init"))).contains("creds:/argo/secret/creds");
        assertThat(mountPaths(container(built, "main"))).doesNotContain("creds:/argo/secret/creds");
    }

    @Test
    void anArtifactWithoutItsOwnLocationGetsTheEmptyArchiveLocation() throws Exception {
        BuiltPod built = PodBuilder.build(TestingRequests.of("""
                {"name": "t", "container": {"image": "a", "command": ["x"]},
                 "outputs": {"artifacts": [{"name": "o", "path": "/tmp/o"}]}}""").build(),
                PodSettings.defaults(), PodBuilderTest.NOW);

        Object template = GoJson.read(env(initContainer(built, "init"), "ARGO_TEMPLATE").orElseThrow());
        assertThat(JsonTree.at(template, "archiveLocation")).isEqualTo(Map.of("archiveLogs", false));
    }

    @Test
    void artifactsWithLocationsNeedNoArchiveLocation() throws Exception {
        BuiltPod built = PodBuilder.build(TestingRequests.of("""
                {"name": "t", "container": {"image": "a", "command": ["x"]},
                 "inputs": {"artifacts": [{"name": "r", "path": "/r", "raw": {"data": "d"}}]}}""").build(),
                PodSettings.defaults(), PodBuilderTest.NOW);

        Object template = GoJson.read(env(initContainer(built, "init"), "ARGO_TEMPLATE").orElseThrow());
        assertThat(JsonTree.at(template, "archiveLocation")).isNull();
        assertThat(JsonTree.list(JsonTree.at(template, "inputs", "artifacts"))).hasSize(1);
    }

    static List<Object> list(Object o) {
        return JsonTree.list(o);
    }
}
