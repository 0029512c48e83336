package dev.skiff.engine.cluster;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AuthenticationV1Api;
import io.kubernetes.client.openapi.apis.VersionApi;
import io.kubernetes.client.openapi.models.V1SelfSubjectReview;
import io.kubernetes.client.openapi.models.V1UserInfo;
import java.util.Optional;

/**
 * Asks a cluster who we are: its version ({@code /version}) and the identity it sees for our
 * credentials (a SelfSubjectReview). Never throws; failures become the result's error.
 */
public final class ClusterCheck {

    /** What a check found. {@code error} is empty when the cluster answered both questions. */
    public record Result(String name, String server, String authType, Optional<String> version,
            Optional<String> identity, Optional<String> error) {

        public boolean ok() {
            return error.isEmpty();
        }
    }

    private ClusterCheck() {
    }

    public static Result check(Cluster cluster) {
        String server = cluster.credentials().server().toString();
        Optional<String> version = Optional.empty();
        try {
            ApiClient client = ClusterApiClients.create(cluster.credentials());
            client.setConnectTimeout(10_000);
            client.setReadTimeout(20_000);
            version = Optional.ofNullable(new VersionApi(client).getCode().execute().getGitVersion());
            V1SelfSubjectReview review = new AuthenticationV1Api(client)
                    .createSelfSubjectReview(new V1SelfSubjectReview()).execute();
            Optional<String> identity = Optional.ofNullable(review.getStatus()).map(s -> s.getUserInfo())
                    .map(ClusterCheck::describe);
            return new Result(cluster.name(), server, cluster.authType(), version, identity, Optional.empty());
        } catch (ApiException e) {
            return new Result(cluster.name(), server, cluster.authType(), version, Optional.empty(),
                    Optional.of(ApiErrors.describe(e, Optional.of(cluster))));
        } catch (RuntimeException e) {
            return new Result(cluster.name(), server, cluster.authType(), version, Optional.empty(),
                    Optional.of(message(e)));
        } catch (LinkageError e) {
            // on the module path without the launcher's --add-exports for okhttp3 (see the engine's notes)
            return new Result(cluster.name(), server, cluster.authType(), version, Optional.empty(),
                    Optional.of("the Kubernetes client cannot run in this JVM: " + e));
        }
    }

    /** A failure's message, without the response body the client's parse errors append. */
    private static String message(RuntimeException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        String withoutBody = message.replaceAll("(?s)(JSON string|JSON):? *[\\[{].*$", "$1");
        return withoutBody.equals(message) ? message : "unexpected response from the API server: " + withoutBody;
    }

    private static String describe(V1UserInfo user) {
        return Optional.ofNullable(user.getUsername()).orElse("(anonymous)");
    }
}
