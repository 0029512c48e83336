package dev.skiff.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.skiff.engine.config.ClusterConfig;
import dev.skiff.spi.auth.BearerToken;
import dev.skiff.spi.auth.ClusterCredentials;
import dev.skiff.spi.auth.TokenSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-request token and the refresh-once-retry-once rule, against a loopback HTTP server
 * that accepts exactly one token (the testbed ITs show the same against a kube-apiserver).
 */
class BearerTokenInterceptorIT {

    private static final String GOOD = "the-good-token-42";
    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            seen.add(auth);
            boolean ok = auth.equals("Bearer " + GOOD);
            String path = exchange.getRequestURI().getPath();
            byte[] body = (!ok ? "{\"kind\":\"Status\",\"code\":401,\"message\":\"Unauthorized\"}"
                    : path.startsWith("/version") ? ("{\"major\":\"1\",\"minor\":\"34\",\"gitVersion\":\"v1.34.4\",\"gitCommit\":\"x\","
                            + "\"gitTreeState\":\"clean\",\"buildDate\":\"1970-01-01T00:00:00Z\","
                            + "\"goVersion\":\"go1.24\",\"compiler\":\"gc\",\"platform\":\"linux/amd64\"}")
                    : "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"SelfSubjectReview\","
                            + "\"status\":{\"userInfo\":{\"username\":\"robot\"}}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(ok ? (path.startsWith("/version") ? 200 : 201) : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Hands out {@code first} until refreshed, then {@code afterRefresh}; counts refreshes. */
    private static final class TwoTokens implements TokenSource {
        final AtomicInteger refreshes = new AtomicInteger();
        private final String first;
        private final String afterRefresh;

        TwoTokens(String first, String afterRefresh) {
            this.first = first;
            this.afterRefresh = afterRefresh;
        }

        @Override
        public BearerToken token() {
            return new BearerToken(refreshes.get() == 0 ? first : afterRefresh, Optional.empty());
        }

        @Override
        public BearerToken refresh() {
            refreshes.incrementAndGet();
            return token();
        }
    }

    private Cluster cluster(TokenSource tokens) {
        var credentials = new ClusterCredentials(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Optional.empty(), Optional.of(tokens), Optional.empty(), false);
        return new Cluster("spoke", ClusterConfig.Origin.CONFIG, Optional.empty(), "token", "plugins/x",
                () -> credentials, credentials);
    }

    @Test
    void a401RefreshesTheTokenOnceAndRetriesTheRequestWithTheNewOne() {
        TwoTokens tokens = new TwoTokens("expired-token-7", GOOD);
        ClusterCheck.Result result = ClusterCheck.check(cluster(tokens));
        assertThat(result.ok()).as(result.toString()).isTrue();
        assertThat(result.version()).contains("v1.34.4");
        assertThat(result.identity()).contains("robot");
        assertThat(tokens.refreshes).hasValue(1);
        assertThat(seen).containsExactly("Bearer expired-token-7", "Bearer " + GOOD, "Bearer " + GOOD);
    }

    @Test
    void aSecond401IsReportedWithoutTheTokenAndWithoutFurtherRetries() {
        TwoTokens tokens = new TwoTokens("wrong-token-1", "wrong-token-2");
        ClusterCheck.Result result = ClusterCheck.check(cluster(tokens));
        assertThat(result.ok()).isFalse();
        assertThat(tokens.refreshes).hasValue(1);
        assertThat(seen).hasSize(2);
        assertThat(result.error().orElseThrow()).startsWith("401 Unauthorized: the cluster rejected the credentials")
                .doesNotContain("wrong-token");
        assertThat(result.toString()).doesNotContain("wrong-token");
    }

    @Test
    void aTokenSourceFailureIsReportedAsTheProvidersMessage() {
        TokenSource failing = new TokenSource() {
            public BearerToken token() {
                throw new dev.skiff.spi.auth.ClusterAuthException("exec credential plugin 'aws' failed with exit code 1");
            }

            public BearerToken refresh() {
                return token();
            }
        };
        ClusterCheck.Result result = ClusterCheck.check(cluster(failing));
        assertThat(result.error()).contains("exec credential plugin 'aws' failed with exit code 1");
        assertThat(seen).isEmpty();
    }
}
