package dev.skiff.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.skiff.engine.cluster.ClusterApiClients;
import dev.skiff.spi.auth.BearerToken;
import dev.skiff.spi.auth.ClusterCredentials;
import dev.skiff.spi.auth.TokenSource;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.VersionApi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials never go to a plain-http API server unless the cluster sets the test flag: a JDK
 * HTTP server on loopback records every request, and {@code skiff clusters} runs with the
 * auth-token plugin in its own layer.
 */
class PlainHttpCredentialsIT {

    private static final String TOKEN = "plain-http-token-4c1f9e";

    @TempDir
    Path dir;

    private HttpServer server;
    private String url;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Logger clientsLog = Logger.getLogger(ClusterApiClients.class.getName());
    private final Handler warningsHandler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            warnings.add(r.getLevel() + " " + r.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void listen() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " Authorization="
                    + Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")).orElse("(none)"));
            byte[] body = (exchange.getRequestURI().getPath().startsWith("/version")
                    ? "{\"major\":\"1\",\"minor\":\"34\",\"gitVersion\":\"v1.34.0-plain\",\"gitCommit\":\"0\","
                            + "\"gitTreeState\":\"clean\",\"buildDate\":\"2025-01-01T00:00:00Z\",\"goVersion\":\"go1\","
                            + "\"compiler\":\"gc\",\"platform\":\"linux/amd64\"}"
                    : "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"SelfSubjectReview\","
                            + "\"status\":{\"userInfo\":{\"username\":\"plain-user\"}}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(exchange.getRequestMethod().equals("POST") ? 201 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
        clientsLog.addHandler(warningsHandler);
    }

    @AfterEach
    void stop() {
        clientsLog.removeHandler(warningsHandler);
        server.stop(0);
    }

    private Run clusters(Path config) throws IOException {
        Path plugins = TestingPluginsFolder.authToken(dir);
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        CliIo io = new CliIo(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), InputStream.nullInputStream(), TerminalInfo.NONE,
                Map.of("PATH", System.getenv("PATH")), dir, Clock.systemUTC());
        int exit = SkiffMain.execute(io, "clusters", "--config", config.toString(), "--plugins", plugins.toString());
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyAuthTypeRefusesAPlainHttpServerAndNoRequestEverReachesIt() throws IOException {
        Files.writeString(dir.resolve("token"), TOKEN);
        Files.writeString(dir.resolve("plain.kubeconfig"), """
                current-context: plain
                clusters: [{name: p, cluster: {server: "%s"}}]
                users: [{name: u, user: {token: %s}}]
                contexts: [{name: plain, context: {cluster: p, user: u}}]
                """.formatted(url, TOKEN));
        Path config = Files.writeString(dir.resolve("controller.yaml"), """
                clusterSecret: {enabled: false}
                clusters:
                  inline:
                    auth: {type: token, server: "%1$s", token: "%2$s"}
                  file:
                    auth: {type: token, server: "%1$s", tokenFile: token}
                  kubecfg:
                    auth: {type: kubeconfig, file: plain.kubeconfig}
                  sa:
                    auth: {type: in-cluster, server: "%1$s", tokenFile: token}
                  userinfo:
                    auth: {type: token, server: "https://admin:%2$s@127.0.0.1:%3$d", token: x}
                """.formatted(url, TOKEN, server.getAddress().getPort()));

        Run run = clusters(config);

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        String refused = "is plain http, which would send the credentials unencrypted; use https (for a test cluster"
                + " only: auth key insecureSendCredentialsOverHttp: true)";
        assertThat(run.out())
                .containsPattern("(?m)^inline +- +token .*ERROR: cluster 'inline': auth key 'server' " + quote(refused))
                .containsPattern("(?m)^file +- +token .*ERROR: cluster 'file': auth key 'server' " + quote(refused))
                .containsPattern("(?m)^kubecfg +- +kubeconfig .*ERROR: cluster 'kubecfg': kubeconfig .*plain.kubeconfig:"
                        + " context 'plain': cluster server " + quote(refused))
                .containsPattern("(?m)^sa +- +in-cluster .*ERROR: cluster 'sa': auth key 'server' " + quote(refused))
                .containsPattern("(?m)^userinfo +- +token .*ERROR: cluster 'userinfo': auth key 'server' must not hold"
                        + " user information");
        assertThat(run.out() + run.err()).doesNotContain(TOKEN).doesNotContain("admin");
        assertThat(requests).isEmpty();
    }

    @Test
    void withTheTestFlagTheTokenGoesOverPlainHttpAndEachClientLogsAWarning() throws IOException {
        Path config = Files.writeString(dir.resolve("controller.yaml"), """
                clusterSecret: {enabled: false}
                clusters:
                  plain:
                    auth: {type: token, server: "%s", token: "%s", insecureSendCredentialsOverHttp: true}
                """.formatted(url, TOKEN));

        Run run = clusters(config);

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).containsPattern("(?m)^plain +" + url + " +token +v1.34.0-plain +plain-user +OK$");
        assertThat(requests).containsExactly("GET /version/ Authorization=Bearer " + TOKEN,
                "POST /apis/authentication.k8s.io/v1/selfsubjectreviews Authorization=Bearer " + TOKEN);
        assertThat(warnings).containsExactly("WARNING credentials for 127.0.0.1:" + server.getAddress().getPort()
                + " go over plain http, unencrypted (insecureSendCredentialsOverHttp: true is for test clusters only)");
    }

    private static TokenSource fixed(String token) {
        return new TokenSource() {
            @Override
            public BearerToken token() {
                return new BearerToken(token, Optional.empty());
            }

            @Override
            public BearerToken refresh() {
                return token();
            }
        };
    }

    @Test
    void aClientMadeForHttpsNeverPutsItsTokenOnAPlainHttpRequest() {
        TokenSource tokens = fixed(TOKEN);
        ApiClient client = ClusterApiClients.create(new ClusterCredentials(URI.create("https://127.0.0.1:1"),
                Optional.empty(), Optional.of(tokens), Optional.empty(), false));
        client.setBasePath(url);

        assertThatThrownBy(() -> new VersionApi(client).getCode().execute())
                .rootCause().hasMessage("refusing to send the bearer token over plain http to 127.0.0.1:"
                        + server.getAddress().getPort() + "; use https");
        assertThat(requests).isEmpty();
    }

    @Test
    void aTokenWithALineBreakIsRefusedByPositionWithoutShowingIt() {
        ApiClient client = ClusterApiClients.create(new ClusterCredentials(URI.create(url), Optional.empty(),
                Optional.of(fixed(TOKEN + "\nsecond-line")), Optional.empty(), false, true));

        assertThatThrownBy(() -> new VersionApi(client).getCode().execute())
                .rootCause().hasMessage("the bearer token has a character that cannot go in an HTTP header (a space,"
                        + " line break, control or non-ASCII character at position " + (TOKEN.length() + 1) + " of "
                        + (TOKEN.length() + 12) + "); check the token's source");
        assertThat(requests).isEmpty();
    }

    private static String quote(String text) {
        return java.util.regex.Pattern.quote(text);
    }
}
