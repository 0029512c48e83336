package dev.skiff.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kubernetes.client.openapi.apis.AuthenticationV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1SelfSubjectReview;
import java.util.List;
import org.junit.jupiter.api.Test;

class K3sTestbedIT {

    @Test
    void k3sClusterThroughTestcontainersServesTheTestbedApi() throws Exception {
        assumeTrue(K3sTestbed.dockerAvailable(), "no Docker engine: K3s via Testcontainers skipped, process testbed used");

        try (RunningTestbed testbed = RunningTestbed.start(TestbedMode.K3S, List.of("k3s-hub"))) {
            TestbedCluster cluster = testbed.clusters().hub();

            var nodes = new CoreV1Api(cluster.apiClient()).listNode().execute().getItems();
            var review = new AuthenticationV1Api(cluster.apiClient(cluster.staticToken(TestbedCluster.ADMIN_USER)))
                    .createSelfSubjectReview(new V1SelfSubjectReview()).execute();

            assertThat(nodes).isNotEmpty();
            assertThat(review.getStatus().getUserInfo().getUsername()).isEqualTo(TestbedCluster.ADMIN_USER);
        }
    }
}
