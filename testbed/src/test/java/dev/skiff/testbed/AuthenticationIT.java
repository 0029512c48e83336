package dev.skiff.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AuthenticationV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.RbacAuthorizationV1Api;
import io.kubernetes.client.openapi.models.RbacV1Subject;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PolicyRule;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1RoleRef;
import io.kubernetes.client.openapi.models.V1SelfSubjectReview;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1UserInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@Testbed
class AuthenticationIT {

    @Test
    void serviceAccountTokenBoundToNamespacedRoleCreatesPodsThereAndIsForbiddenElsewhere(
            TestbedCluster hub, TestNamespace namespace) throws Exception {
        String ns = namespace.name();
        String other = ns + "-other";
        CoreV1Api admin = new CoreV1Api(hub.apiClient());
        admin.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(other))).execute();
        try {
            admin.createNamespacedServiceAccount(ns, new V1ServiceAccount().metadata(new V1ObjectMeta().name("runner")))
                    .execute();
            RbacAuthorizationV1Api rbac = new RbacAuthorizationV1Api(hub.apiClient());
            rbac.createNamespacedRole(ns, new V1Role().metadata(new V1ObjectMeta().name("pod-runner"))
                    .rules(List.of(new V1PolicyRule().apiGroups(List.of("")).resources(List.of("pods"))
                            .verbs(List.of("create", "get", "list", "watch", "delete"))))).execute();
            rbac.createNamespacedRoleBinding(ns, new V1RoleBinding().metadata(new V1ObjectMeta().name("runner-runs-pods"))
                    .roleRef(new V1RoleRef().apiGroup("rbac.authorization.k8s.io").kind("Role").name("pod-runner"))
                    .subjects(List.of(new RbacV1Subject().kind("ServiceAccount").name("runner").namespace(ns)))).execute();
            String token = hub.kubectl("-n", ns, "create", "token", "runner", "--duration=10m").strip();
            CoreV1Api asRunner = new CoreV1Api(hub.apiClient(token));

            var created = asRunner.createNamespacedPod(ns, Pods.pod("by-runner", Map.of())).execute();
            ApiException elsewhere = catchThrowableOfType(ApiException.class,
                    () -> asRunner.createNamespacedPod(other, Pods.pod("by-runner", Map.of())).execute());

            assertThat(created.getMetadata().getUid()).isNotBlank();
            assertThat(admin.readNamespacedPod("by-runner", ns).execute().getMetadata().getUid())
                    .isEqualTo(created.getMetadata().getUid());
            assertThat(elsewhere).isNotNull();
            assertThat(elsewhere.getCode()).isEqualTo(403);
        } finally {
            admin.deleteNamespace(other).execute();
        }
    }

    @Test
    void staticTokensAuthenticateWhileNoWebhookServerListens(TestbedClusters clusters) throws Exception {
        for (TestbedCluster cluster : clusters.all()) {
            assertThat(listening(cluster.webhookPort()))
                    .as("precondition: nothing listens on the webhook port %d of %s", cluster.webhookPort(), cluster.name())
                    .isFalse();

            V1UserInfo admin = whoAmI(cluster.apiClient(cluster.staticToken(TestbedCluster.ADMIN_USER)));
            V1UserInfo user = whoAmI(cluster.apiClient(cluster.staticToken(TestbedCluster.PLAIN_USER)));

            assertThat(admin.getUsername()).isEqualTo(TestbedCluster.ADMIN_USER);
            assertThat(admin.getGroups()).contains("system:masters", "system:authenticated");
            assertThat(user.getUsername()).isEqualTo(TestbedCluster.PLAIN_USER);
            assertThat(user.getGroups()).contains("skiff:testbed-users").doesNotContain("system:masters");
        }
    }

    @Test
    void wrongTokenIsRejectedWith401(TestbedClusters clusters) {
        TestbedCluster hub = clusters.hub();
        for (TestbedCluster cluster : clusters.all()) {
            List<String> wrongTokens = cluster == hub
                    ? List.of("not-a-token-of-this-testbed")
                    : List.of("not-a-token-of-this-testbed", hub.staticToken(TestbedCluster.ADMIN_USER));
            for (String wrong : wrongTokens) {
                ApiException rejected = catchThrowableOfType(ApiException.class,
                        () -> new CoreV1Api(cluster.apiClient(wrong)).listNamespace().execute());

                assertThat(rejected).as("request to %s with a wrong token", cluster.name()).isNotNull();
                assertThat(rejected.getCode()).isEqualTo(401);
            }
        }
    }

    private static V1UserInfo whoAmI(ApiClient client) throws ApiException {
        V1SelfSubjectReview review = new AuthenticationV1Api(client)
                .createSelfSubjectReview(new V1SelfSubjectReview()).execute();
        return review.getStatus().getUserInfo();
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return socket.isConnected();
        } catch (IOException refused) {
            return false;
        }
    }
}
