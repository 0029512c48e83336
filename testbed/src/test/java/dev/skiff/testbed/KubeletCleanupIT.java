package dev.skiff.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.apis.CoreV1Api;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** down.sh ends a cluster's kubelet and everything its pods started (its own cluster, in its own work directory). */
class KubeletCleanupIT {

    @Test
    void downLeavesNoStepProcessCgroupOrMountBehind() throws Exception {
        Assumptions.assumeTrue(TestbedMode.fromEnvironment() == TestbedMode.PROCESS, "process testbed only");
        Path workdir = Files.createTempDirectory("skiff-testbed-cleanup-");
        ProcessTestbed testbed = ProcessTestbed.locate().withWorkdir(workdir);
        try {
            TestbedCluster cluster = testbed.start(List.of("cleanup")).hub();
            Path cgroup = cluster.kubelet().orElseThrow().cgroup();
            CoreV1Api api = new CoreV1Api(cluster.apiClient());
            String marker = HostProcesses.newMarker();
            api.createNamespacedPod("default", Pods.argoLabelled("left-running", HostProcesses.markedSleep(marker))).execute();
            Await.until("the pod's sleep to run on the host", Pods.FINISH_TIMEOUT,
                    () -> HostProcesses.withMarker(marker).isEmpty() ? Optional.empty() : Optional.of(true));
            List<Long> mountingBefore = HostProcesses.mounting(workdir);

            testbed.stop();

            assertThat(mountingBefore).as("precondition: the pod's namespaces mount its volumes").isNotEmpty();
            assertThat(HostProcesses.withMarker(marker)).as("the pod's processes").isEmpty();
            assertThat(HostProcesses.mounting(workdir)).as("processes whose mounts mention " + workdir).isEmpty();
            assertThat(cgroup).as("the kubelet's cgroup").doesNotExist();
        } finally {
            testbed.stopQuietly();
            deleteTree(workdir);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
