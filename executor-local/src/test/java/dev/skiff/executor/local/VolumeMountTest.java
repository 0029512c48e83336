package dev.skiff.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VolumeMountTest {

    private static final Path SANDBOX = Path.of("/w/step-1");
    private static final Path SHARED = Path.of("/w/workflows/wf");

    @Test
    void emptyDirIsPerStepHostPathIsItselfAndClaimsAreSharedPerWorkflow() {
        Map<String, Object> podSpec = Map.of(
                "container", Map.of("volumeMounts", List.of(
                        Map.of("name", "scratch", "mountPath", "/scratch"),
                        Map.of("name", "host", "mountPath", "/data/"),
                        Map.of("name", "workdir", "mountPath", "/mnt/vol", "subPath", "part"))),
                "volumes", List.of(
                        Map.of("name", "scratch", "emptyDir", Map.of()),
                        Map.of("name", "host", "hostPath", Map.of("path", "/srv/data"))));

        List<VolumeMount> mounts = VolumeMount.of(podSpec, SANDBOX, SHARED);

        assertThat(mounts).containsExactly(
                new VolumeMount("/scratch", Path.of("/w/step-1/volumes/scratch")),
                new VolumeMount("/data", Path.of("/srv/data")),
                new VolumeMount("/mnt/vol", Path.of("/w/workflows/wf/volumes/workdir/part")));
    }

    @Test
    void readsScriptTemplatesAndIgnoresMalformedMounts() {
        Map<String, Object> podSpec = Map.of("script", Map.of("volumeMounts", List.of(
                Map.of("name", "v", "mountPath", "/v"),
                Map.of("name", "../escape", "mountPath", "/x"),
                Map.of("name", "root", "mountPath", "/"),
                "not a map")));

        assertThat(VolumeMount.of(podSpec, SANDBOX, SHARED))
                .containsExactly(new VolumeMount("/v", Path.of("/w/workflows/wf/volumes/v")));
    }

    @Test
    void pathsBelowAMountLiveInItsHostDirectory() {
        SandboxPathMapping mapping = SandboxPathMapping.of(Path.of("/w/step-1/root"), List.of("/mnt/vol/out.txt"),
                Optional.empty(), List.of(new VolumeMount("/mnt/vol", Path.of("/w/shared/vol"))));

        assertThat(mapping.rewrite("echo hi > /mnt/vol/out.txt; cat /mnt/vol/in.txt; ls /tmp"))
                .isEqualTo("echo hi > /w/shared/vol/out.txt; cat /w/shared/vol/in.txt; ls /tmp");
        assertThat(mapping.hostPath("/mnt/vol/out.txt", Optional.empty())).isEqualTo(Path.of("/w/shared/vol/out.txt"));
    }
}
