package dev.skiff.auth.token;

import static dev.skiff.auth.token.TestingAuthContext.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.spi.auth.ClusterAuthException;
import dev.skiff.spi.auth.ClusterCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigAuthFactoryTest {

    private static final String TOKEN = "kc-token-5e1d0b";
    private static final String KEY = "-----BEGIN PRIVATE KEY-----\nsecretkeymaterial\n";

    @TempDir
    Path dir;

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes());
    }

    private String kubeconfig() {
        return """
                apiVersion: v1
                kind: Config
                current-context: hub
                clusters:
                - name: hub-cluster
                  cluster:
                    server: https://127.0.0.1:6443
                    certificate-authority: certs/ca.crt
                - name: spoke-cluster
                  cluster:
                    server: https://127.0.0.2:6443
                    certificate-authority-data: %s
                    insecure-skip-tls-verify: true
                users:
                - name: admin
                  user:
                    client-certificate-data: %s
                    client-key-data: %s
                - name: robot
                  user:
                    token: %s
                contexts:
                - name: hub
                  context: {cluster: hub-cluster, user: admin}
                - name: spoke
                  context: {cluster: spoke-cluster, user: robot, namespace: team-a}
                - name: broken
                  context: {cluster: nowhere, user: robot}
                """.formatted(b64("SPOKE-CA"), b64("CERT"), b64(KEY), TOKEN);
    }

    private Path write() throws IOException {
        Files.createDirectories(dir.resolve("certs"));
        Files.writeString(dir.resolve("certs/ca.crt"), "HUB-CA");
        return Files.writeString(dir.resolve("config"), kubeconfig());
    }

    private ClusterCredentials create(Object... settings) {
        return new KubeconfigAuthFactory().create(config("c", settings), new TestingAuthContext(dir)).credentials();
    }

    @Test
    void usesTheCurrentContextWithAClientCertificateAndACaFileRelativeToTheKubeconfig() throws IOException {
        ClusterCredentials creds = create("file", write().toString());
        assertThat(creds.server()).hasToString("https://127.0.0.1:6443");
        assertThat(creds.caBundle()).hasValue("HUB-CA".getBytes());
        assertThat(creds.clientCertificate().orElseThrow().certificatePem()).isEqualTo("CERT".getBytes());
        assertThat(creds.clientCertificate().orElseThrow().privateKeyPem()).isEqualTo(KEY.getBytes());
        assertThat(creds.token()).isEmpty();
        assertThat(creds.toString()).doesNotContain("secretkeymaterial");
    }

    @Test
    void usesTheNamedContextWithItsTokenAndCaData() throws IOException {
        ClusterCredentials creds = create("file", write().toString(), "context", "spoke");
        assertThat(creds.server()).hasToString("https://127.0.0.2:6443");
        assertThat(creds.caBundle()).hasValue("SPOKE-CA".getBytes());
        assertThat(creds.insecureSkipTlsVerify()).isTrue();
        assertThat(creds.token().orElseThrow().token().value()).isEqualTo(TOKEN);
    }

    @Test
    void readsTheKubeconfigFromASecret() {
        var context = new TestingAuthContext(dir);
        context.secrets.put("skiff/kubeconfig", Map.of("value", kubeconfig().getBytes()));
        var creds = new KubeconfigAuthFactory().create(config("spoke", "context", "spoke",
                "secret", Map.of("namespace", "skiff", "name", "kubeconfig", "key", "value")), context).credentials();
        assertThat(creds.token().orElseThrow().token().value()).isEqualTo(TOKEN);
    }

    @Test
    void anUnknownContextIsNamedWithTheContextsThereAre() throws IOException {
        Path file = write();
        assertThatThrownBy(() -> create("file", file.toString(), "context", "nope"))
                .isInstanceOf(ClusterAuthException.class)
                .hasMessage("kubeconfig " + file + " has no context 'nope'; its contexts: [hub, spoke, broken]");
    }

    @Test
    void aContextWhoseClusterIsMissingIsNamed() throws IOException {
        Path file = write();
        assertThatThrownBy(() -> create("file", file.toString(), "context", "broken"))
                .hasMessageContaining("context 'broken' names cluster 'nowhere', which is not in its clusters");
    }

    @Test
    void invalidYamlIsReportedByPositionWithoutQuotingTheContent() throws IOException {
        Path file = Files.writeString(dir.resolve("config"), "users:\n- name: x\n  user: {token: " + TOKEN + "\n");
        assertThatThrownBy(() -> create("file", file.toString()))
                .hasMessageStartingWith("kubeconfig " + file + " is not valid YAML (line")
                .hasMessageNotContaining(TOKEN)
                .hasNoCause();
    }

    @Test
    void basicAuthUsersAreRejectedWithWhatToUseInstead() throws IOException {
        Path file = Files.writeString(dir.resolve("config"), """
                clusters: [{name: c, cluster: {server: "https://h:1"}}]
                users: [{name: u, user: {username: bob, password: hunter2}}]
                contexts: [{name: x, context: {cluster: c, user: u}}]
                """);
        assertThatThrownBy(() -> create("file", file.toString(), "context", "x"))
                .hasMessageContaining("user field 'username' is not supported").hasMessageNotContaining("hunter2");
    }

    @Test
    void aKubeconfigWithoutCurrentContextAsksForOne() throws IOException {
        Path file = Files.writeString(dir.resolve("config"), kubeconfig().replace("current-context: hub\n", ""));
        assertThatThrownBy(() -> create("file", file.toString()))
                .hasMessageContaining("has no current-context; set auth key 'context' to one of [hub, spoke, broken]");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> create("file", "absent.yaml"))
                .hasMessageContaining("cannot read kubeconfig file " + dir.resolve("absent.yaml"));
    }

    private Path plainHttpKubeconfig() throws IOException {
        return Files.writeString(dir.resolve("http.kubeconfig"), """
                current-context: plain
                clusters: [{name: p, cluster: {server: "http://127.0.0.1:8080"}}]
                users: [{name: u, user: {token: %s}}]
                contexts: [{name: plain, context: {cluster: p, user: u}}]
                """.formatted(TOKEN));
    }

    @Test
    void aPlainHttpServerInTheKubeconfigIsRefusedUnlessTheClusterSetsTheTestFlag() throws IOException {
        Path file = plainHttpKubeconfig();
        assertThatThrownBy(() -> create("file", file.toString())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kubeconfig " + file + ": context 'plain': cluster server is plain http, which would send"
                        + " the credentials unencrypted; use https (for a test cluster only: auth key"
                        + " insecureSendCredentialsOverHttp: true)");
        ClusterCredentials creds = create("file", file.toString(), "insecureSendCredentialsOverHttp", true);
        assertThat(creds.plainHttp()).isTrue();
        assertThat(creds.insecureSendCredentialsOverHttp()).isTrue();
    }

    @Test
    void aServerWithUserInformationIsRefusedWithoutQuotingIt() throws IOException {
        Path file = Files.writeString(dir.resolve("userinfo.kubeconfig"), """
                current-context: x
                clusters: [{name: p, cluster: {server: "https://admin:%1$s@127.0.0.1:6443"}}]
                users: [{name: u, user: {token: %1$s}}]
                contexts: [{name: x, context: {cluster: p, user: u}}]
                """.formatted(TOKEN));
        assertThatThrownBy(() -> create("file", file.toString()))
                .hasMessageContaining("cluster server must not hold user information").hasMessageNotContaining(TOKEN);
    }

    @Test
    void saysWhereInTheKubeconfigTheCaIsSet() throws IOException {
        Path file = write();
        var provider = new KubeconfigAuthFactory().create(config("c", "file", file.toString(), "context", "spoke"),
                new TestingAuthContext(dir));
        assertThat(provider.caHint()).isEqualTo("set certificate-authority (a file) or certificate-authority-data"
                + " (base64 PEM) of the cluster that context 'spoke' uses in kubeconfig " + file);
    }

    @Test
    void anchorsAndMergeKeysInAKubeconfigAreResolved() throws IOException {
        Path file = Files.writeString(dir.resolve("anchored"), """
                apiVersion: v1
                kind: Config
                current-context: spoke
                clusters:
                - name: spoke-cluster
                  cluster: &cluster
                    server: https://127.0.0.2:6443
                    insecure-skip-tls-verify: true
                users:
                - name: robot
                  user: {token: &tok %s}
                contexts:
                - name: base
                  context: &ctx {cluster: spoke-cluster, user: robot, namespace: team-a}
                - name: spoke
                  context:
                    <<: *ctx
                    namespace: team-b
                """.formatted(TOKEN));
        ClusterCredentials creds = create("file", file.toString());
        assertThat(creds.server()).hasToString("https://127.0.0.2:6443");
        assertThat(creds.token().orElseThrow().token().value()).isEqualTo(TOKEN);
    }

    @Test
    void anAliasBombInAKubeconfigIsRefusedWithoutQuotingIt() throws IOException {
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: Config\na0: &a0 [%s, %s, %s, %s, %s, %s, %s, %s, %s, %s]\n"
                .replace("%s", TOKEN));
        for (int i = 1; i < 10; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
        }
        Path file = Files.writeString(dir.resolve("bomb"), yaml);
        assertThatThrownBy(() -> create("file", file.toString()))
                .isInstanceOf(ClusterAuthException.class)
                .hasMessageContaining("has aliases that expand to more than 100000 nodes")
                .message().doesNotContain(TOKEN);
    }
}
