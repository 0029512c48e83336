package dev.skiff.auth.token;

import static dev.skiff.auth.token.TestingAuthContext.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.spi.auth.ClusterAuthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InClusterAuthFactoryTest {

    @TempDir
    Path dir;

    @Test
    void takesTheServerFromTheServiceEnvironmentAndTheTokenFromItsFile() throws IOException {
        Files.writeString(dir.resolve("token"), "sa-token-1");
        Files.writeString(dir.resolve("ca.crt"), "PEM");
        var context = new TestingAuthContext(dir);
        context.environment.put("KUBERNETES_SERVICE_HOST", "10.96.0.1");
        context.environment.put("KUBERNETES_SERVICE_PORT", "443");
        var creds = new InClusterAuthFactory().create(config("in-cluster", "tokenFile", "token",
                "caFile", "ca.crt"), context).credentials();
        assertThat(creds.server()).hasToString("https://10.96.0.1:443");
        assertThat(creds.caBundle()).hasValue("PEM".getBytes());
        assertThat(creds.token().orElseThrow().token().value()).isEqualTo("sa-token-1");
    }

    @Test
    void picksUpTheRotatedTokenWithoutBeingRecreated() throws IOException {
        Path token = Files.writeString(dir.resolve("token"), "sa-token-1");
        var creds = new InClusterAuthFactory().create(config("local", "server", "https://127.0.0.1:6443",
                "tokenFile", token.toString()), new TestingAuthContext(dir)).credentials();
        var tokens = creds.token().orElseThrow();
        assertThat(tokens.token().value()).isEqualTo("sa-token-1");
        Path next = Files.writeString(dir.resolve("token.next"), "sa-token-2");
        Files.move(next, token, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertThat(tokens.token().value()).isEqualTo("sa-token-2");
    }

    @Test
    void outsideAPodItSaysSoAndWhatToDo() throws IOException {
        Files.writeString(dir.resolve("token"), "sa-token-1");
        var context = new TestingAuthContext(dir);
        context.environment.remove("KUBERNETES_SERVICE_HOST");
        assertThatThrownBy(() -> new InClusterAuthFactory().create(config("in-cluster", "tokenFile", "token"),
                context)).isInstanceOf(ClusterAuthException.class)
                .hasMessageContaining("KUBERNETES_SERVICE_HOST is not set")
                .hasMessageContaining("set auth key 'server'");
    }

    @Test
    void aMissingTokenFileIsReportedAtCreation() {
        assertThatThrownBy(() -> new InClusterAuthFactory().create(config("in-cluster", "server",
                "https://h:1", "tokenFile", "nope"), new TestingAuthContext(dir)))
                .hasMessageContaining("no ServiceAccount token at " + dir.resolve("nope"));
    }

    @Test
    void aPlainHttpServerOverrideIsRefusedUnlessTheClusterSetsTheTestFlag() throws IOException {
        Files.writeString(dir.resolve("token"), "sa-token-1");
        assertThatThrownBy(() -> new InClusterAuthFactory().create(config("local", "server", "http://127.0.0.1:8080",
                "tokenFile", "token"), new TestingAuthContext(dir))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cluster 'local': auth key 'server' is plain http");
        var creds = new InClusterAuthFactory().create(config("local", "server", "http://127.0.0.1:8080",
                "tokenFile", "token", "insecureSendCredentialsOverHttp", "true"), new TestingAuthContext(dir))
                .credentials();
        assertThat(creds.insecureSendCredentialsOverHttp()).isTrue();
    }
}
