package dev.skiff.auth.token;

import static dev.skiff.auth.token.TestingAuthContext.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.spi.auth.ClusterAuthException;
import dev.skiff.spi.auth.TokenSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real exec credential plugins (shell scripts) through a kubeconfig. */
class ExecCredentialPluginIT {

    @TempDir
    Path dir;

    private final TestingAuthContext context = new TestingAuthContext(Path.of("/"));

    /**
     * A plugin that counts its runs in a file, prints token "exec-token-N" valid until the time in
     * file "expiry", and saves the KUBERNETES_EXEC_INFO and env it saw.
     */
    private Path plugin(String apiVersion) throws IOException {
        Path script = dir.resolve("bin/credential-helper");
        Files.createDirectories(script.getParent());
        Files.writeString(script, """
                #!/bin/sh
                dir=$(dirname "$0")/..
                n=$(( $(cat "$dir/runs" 2>/dev/null || echo 0) + 1 ))
                echo $n > "$dir/runs"
                printf '%%s' "$KUBERNETES_EXEC_INFO" > "$dir/exec-info"
                printf '%%s' "$GREETING $1" > "$dir/seen"
                exp=$(cat "$dir/expiry" 2>/dev/null)
                if [ -n "$exp" ]; then expiry=",\\"expirationTimestamp\\":\\"$exp\\""; fi
                printf '{"apiVersion":"%s","kind":"ExecCredential","status":{"token":"exec-token-%%s"%%s}}' "$n" "$expiry"
                """.formatted(apiVersion));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private TokenSource tokens(String apiVersion, String execExtra) throws IOException {
        plugin(apiVersion);
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                current-context: x
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:6443", certificate-authority-data: QUJD}}]
                contexts: [{name: x, context: {cluster: c, user: u}}]
                users:
                - name: u
                  user:
                    exec:
                      apiVersion: %s
                      command: ./bin/credential-helper
                      args: [world]
                      env: [{name: GREETING, value: hello}]
                      interactiveMode: Never
                %s
                """.formatted(apiVersion, execExtra));
        return new KubeconfigAuthFactory().create(config("c", "file", kubeconfig.toString()), context)
                .credentials().token().orElseThrow();
    }

    private int runs() throws IOException {
        return Integer.parseInt(Files.readString(dir.resolve("runs")).strip());
    }

    @Test
    void runsThePluginRelativeToTheKubeconfigWithItsArgsEnvAndExecInfo() throws IOException {
        TokenSource tokens = tokens("client.authentication.k8s.io/v1", "      provideClusterInfo: true");
        assertThat(tokens.token().value()).isEqualTo("exec-token-1");
        assertThat(Files.readString(dir.resolve("seen"))).isEqualTo("hello world");
        assertThat(Files.readString(dir.resolve("exec-info")))
                .contains("\"apiVersion\":\"client.authentication.k8s.io/v1\"")
                .contains("\"kind\":\"ExecCredential\"").contains("\"interactive\":false")
                .contains("\"server\":\"https://127.0.0.1:6443\"").contains("\"certificate-authority-data\":\"QUJD\"");
    }

    @Test
    void honoursExpirationTimestampAndRunsAgainBeforeTheTokenExpires() throws IOException {
        Instant expiry = context.clock.instant().plus(Duration.ofMinutes(15));
        Files.writeString(dir.resolve("expiry"), expiry.toString());
        TokenSource tokens = tokens("client.authentication.k8s.io/v1", "");
        assertThat(tokens.token().value()).isEqualTo("exec-token-1");
        assertThat(tokens.token().expiresAt()).contains(expiry);
        context.clock.advance(Duration.ofMinutes(13));
        assertThat(tokens.token().value()).isEqualTo("exec-token-1");
        assertThat(runs()).isEqualTo(1);
        context.clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(tokens.token().value()).isEqualTo("exec-token-2");
        assertThat(runs()).isEqualTo(2);
    }

    @Test
    void aTokenWithoutExpiryIsKeptUntilRefreshedAfterA401() throws IOException {
        TokenSource tokens = tokens("client.authentication.k8s.io/v1beta1", "");
        tokens.token();
        context.clock.advance(Duration.ofDays(2));
        assertThat(tokens.token().value()).isEqualTo("exec-token-1");
        assertThat(tokens.refresh().value()).isEqualTo("exec-token-2");
    }

    @Test
    void aFailingPluginReportsItsExitCodeAndStderr() throws IOException {
        Path script = dir.resolve("fail");
        Files.writeString(script, "#!/bin/sh\necho 'no credentials configured' >&2\nexit 3\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                current-context: x
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:6443"}}]
                contexts: [{name: x, context: {cluster: c, user: u}}]
                users: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: %s}}}]
                """.formatted(script));
        TokenSource tokens = new KubeconfigAuthFactory().create(config("c", "file", kubeconfig.toString()), context)
                .credentials().token().orElseThrow();
        assertThatThrownBy(tokens::token).isInstanceOf(ClusterAuthException.class)
                .hasMessage("exec credential plugin 'fail' of context 'x' failed with exit code 3:"
                        + " no credentials configured");
    }

    @Test
    void aMissingCommandShowsTheInstallHint() throws IOException {
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                current-context: x
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:6443"}}]
                contexts: [{name: x, context: {cluster: c, user: u}}]
                users: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1,
                  command: no-such-helper-xyz, installHint: "install no-such-helper-xyz first"}}}]
                """);
        TokenSource tokens = new KubeconfigAuthFactory().create(config("c", "file", kubeconfig.toString()), context)
                .credentials().token().orElseThrow();
        assertThatThrownBy(tokens::token).hasMessageContaining("cannot be started")
                .hasMessageEndingWith("install no-such-helper-xyz first");
    }

    @Test
    void aPluginAnsweringWithAnotherApiVersionIsRejected() throws IOException {
        plugin("client.authentication.k8s.io/v1beta1");
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                current-context: x
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:6443"}}]
                contexts: [{name: x, context: {cluster: c, user: u}}]
                users: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1,
                  command: ./bin/credential-helper}}}]
                """);
        TokenSource tokens = new KubeconfigAuthFactory().create(config("c", "file", kubeconfig.toString()), context)
                .credentials().token().orElseThrow();
        assertThatThrownBy(tokens::token).hasMessageContaining("answered with apiVersion")
                .hasMessageNotContaining("exec-token");
    }
}
