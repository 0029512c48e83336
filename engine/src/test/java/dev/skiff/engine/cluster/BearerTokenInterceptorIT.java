package dev.skiff.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.config.ClusterConfig;
import dev.skiff.spi.auth.BearerToken;
import dev.skiff.spi.auth.ClusterAuthException;
import dev.skiff.spi.auth.ClusterCredentials;
import dev.skiff.spi.auth.TokenSource;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.AuthenticationV1Api;
import io.kubernetes.client.openapi.models.V1SelfSubjectReview;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-request token and the refresh-once-retry-once rule of {@link ClusterApiClients},
 * against the testbed hub's real kube-apiserver: its static tokens are the good ones, any other
 * string gets a real 401. What the interceptor asked for is counted in the tests' token source.
 */
@Testbed
class BearerTokenInterceptorIT {

    private TestbedCluster hub;

    @BeforeEach
    void hub(TestbedCluster hub) {
        this.hub = hub;
    }

    /**
     * Hands out {@code tokens[0]} until the first refresh, then {@code tokens[1]}, and so on (the
     * last one stays); records every token it hands out and counts refreshes.
     */
    private static final class ScriptedTokens implements TokenSource {
        final AtomicInteger refreshes = new AtomicInteger();
        final List<String> handedOut = new ArrayList<>();
        private final List<String> tokens;

        ScriptedTokens(String... tokens) {
            this.tokens = List.of(tokens);
        }

        @Override
        public synchronized BearerToken token() {
            String token = tokens.get(Math.min(refreshes.get(), tokens.size() - 1));
            handedOut.add(token);
            return new BearerToken(token, Optional.empty());
        }

        @Override
        public synchronized BearerToken refresh() {
            refreshes.incrementAndGet();
            return token();
        }
    }

    private ClusterCredentials credentials(TokenSource tokens) {
        return new ClusterCredentials(hub.server(), Optional.of(hub.caCertificatePem().getBytes(StandardCharsets.US_ASCII)),
                Optional.of(tokens), Optional.empty(), false);
    }

    private Cluster cluster(TokenSource tokens) {
        ClusterCredentials credentials = credentials(tokens);
        return new Cluster("spoke", ClusterConfig.Origin.CONFIG, Optional.empty(), "token", "plugins/x",
                () -> credentials, credentials);
    }

    private String admin() {
        return hub.staticToken(TestbedCluster.ADMIN_USER);
    }

    @Test
    void a401RefreshesTheTokenOnceAndRetriesTheRequestWithTheNewOne() {
        ScriptedTokens tokens = new ScriptedTokens("expired-token-7", admin());

        ClusterCheck.Result result = ClusterCheck.check(cluster(tokens));

        assertThat(result.ok()).as(result.toString()).isTrue();
        assertThat(result.version()).hasValueSatisfying(v -> assertThat(v).matches("v1\\.\\d+\\.\\d+.*"));
        assertThat(result.identity()).contains(TestbedCluster.ADMIN_USER);
        assertThat(tokens.refreshes).hasValue(1);
        // /version: the cached token (401), the refreshed one (200); the review: the current one
        assertThat(tokens.handedOut).containsExactly("expired-token-7", admin(), admin());
    }

    @Test
    void aSecond401IsReportedWithoutTheTokenAndWithoutFurtherRetries() {
        ScriptedTokens tokens = new ScriptedTokens("wrong-token-1", "wrong-token-2", admin());

        ClusterCheck.Result result = ClusterCheck.check(cluster(tokens));

        assertThat(result.ok()).isFalse();
        assertThat(result.name()).isEqualTo("spoke");
        assertThat(tokens.refreshes).hasValue(1);
        assertThat(tokens.handedOut).containsExactly("wrong-token-1", "wrong-token-2");
        assertThat(result.error().orElseThrow()).startsWith("401 Unauthorized: the cluster rejected the credentials")
                .doesNotContain("wrong-token");
        assertThat(result.toString()).doesNotContain("wrong-token");
    }

    @Test
    void theTokenIsReadForEveryRequestSoOneClientFollowsTheSourcesRotation() throws Exception {
        String plain = hub.staticToken(TestbedCluster.PLAIN_USER);
        var rotating = new TokenSource() {
            final List<String> handedOut = new ArrayList<>();
            final AtomicInteger refreshes = new AtomicInteger();

            @Override
            public synchronized BearerToken token() {
                String token = handedOut.isEmpty() ? admin() : plain;
                handedOut.add(token);
                return new BearerToken(token, Optional.empty());
            }

            @Override
            public BearerToken refresh() {
                refreshes.incrementAndGet();
                return token();
            }
        };
        ApiClient client = ClusterApiClients.create(credentials(rotating));

        String first = whoAmI(client);
        String second = whoAmI(client);

        assertThat(first).isEqualTo(TestbedCluster.ADMIN_USER);
        assertThat(second).isEqualTo(TestbedCluster.PLAIN_USER);
        assertThat(rotating.handedOut).containsExactly(admin(), plain);
        assertThat(rotating.refreshes).hasValue(0);
    }

    private static String whoAmI(ApiClient client) throws Exception {
        return new AuthenticationV1Api(client).createSelfSubjectReview(new V1SelfSubjectReview()).execute()
                .getStatus().getUserInfo().getUsername();
    }

    @Test
    void aTokenSourceFailureIsReportedAsTheProvidersMessageWithoutARetry() {
        var failing = new TokenSource() {
            final AtomicInteger calls = new AtomicInteger();

            @Override
            public BearerToken token() {
                calls.incrementAndGet();
                throw new ClusterAuthException("exec credential plugin 'aws' failed with exit code 1");
            }

            @Override
            public BearerToken refresh() {
                return token();
            }
        };

        ClusterCheck.Result result = ClusterCheck.check(cluster(failing));

        assertThat(result.error()).contains("exec credential plugin 'aws' failed with exit code 1");
        assertThat(result.version()).isEmpty();
        assertThat(failing.calls).hasValue(1);
    }
}
