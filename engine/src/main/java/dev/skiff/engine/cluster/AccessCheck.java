package dev.skiff.engine.cluster;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AuthorizationV1Api;
import io.kubernetes.client.openapi.models.V1ResourceAttributes;
import io.kubernetes.client.openapi.models.V1SelfSubjectAccessReview;
import io.kubernetes.client.openapi.models.V1SelfSubjectAccessReviewSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Asks a cluster, one SelfSubjectAccessReview per rule, which of a list of rules our credentials lack in a
 * namespace (or cluster-wide). Never throws; a failed review becomes the result's error.
 */
public final class AccessCheck {

    /**
     * What a check found.
     *
     * @param namespace the namespace checked; empty for every namespace (cluster-wide)
     * @param missing   the rules the cluster denied, in the order asked
     * @param error     why the check could not finish, if it could not
     */
    public record Result(String namespace, List<AccessRule> missing, Optional<String> error) {

        public Result {
            missing = List.copyOf(missing);
        }

        public boolean ok() {
            return missing.isEmpty() && error.isEmpty();
        }
    }

    private AccessCheck() {
    }

    public static Result check(Cluster cluster, String namespace, List<AccessRule> rules) {
        try {
            return check(ClusterApiClients.create(cluster.credentials()), namespace, rules);
        } catch (AccessCheckFailure e) {
            return new Result(namespace, List.of(), Optional.of(ApiErrors.describe(e.cause, Optional.of(cluster))));
        } catch (RuntimeException e) {
            return new Result(namespace, List.of(), Optional.of(String.valueOf(e.getMessage())));
        }
    }

    /** The same with a client of one's own; a refused review throws {@link AccessCheckFailure}. */
    public static Result check(ApiClient client, String namespace, List<AccessRule> rules) {
        AuthorizationV1Api api = new AuthorizationV1Api(client);
        List<AccessRule> missing = new ArrayList<>();
        for (AccessRule rule : rules) {
            try {
                if (!allowed(api, namespace, rule)) {
                    missing.add(rule);
                }
            } catch (ApiException e) {
                throw new AccessCheckFailure(e);
            }
        }
        return new Result(namespace, missing, Optional.empty());
    }

    /** A SelfSubjectAccessReview the API server did not answer. */
    public static final class AccessCheckFailure extends RuntimeException {

        private final transient ApiException cause;

        AccessCheckFailure(ApiException cause) {
            super("SelfSubjectAccessReview failed: HTTP " + cause.getCode(), null, false, false);
            this.cause = cause;
        }
    }

    private static boolean allowed(AuthorizationV1Api api, String namespace, AccessRule rule) throws ApiException {
        V1ResourceAttributes attributes = new V1ResourceAttributes().verb(rule.verb()).group(rule.group())
                .resource(rule.resource()).subresource(rule.subresource().isEmpty() ? null : rule.subresource())
                .namespace(namespace.isEmpty() ? null : namespace);
        V1SelfSubjectAccessReview review = api.createSelfSubjectAccessReview(new V1SelfSubjectAccessReview()
                .spec(new V1SelfSubjectAccessReviewSpec().resourceAttributes(attributes))).execute();
        return review.getStatus() != null && Boolean.TRUE.equals(review.getStatus().getAllowed());
    }
}
