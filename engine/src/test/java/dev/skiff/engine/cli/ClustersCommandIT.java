package dev.skiff.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import dev.skiff.testbed.TestNamespace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code skiff clusters} against real kube-apiservers, with the auth-token plugin in its own layer. */
@Testbed
class ClustersCommandIT {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private Run clusters(Path config, Path plugins) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        CliIo io = new CliIo(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), InputStream.nullInputStream(), TerminalInfo.NONE,
                Map.of("PATH", System.getenv("PATH")), dir, Clock.systemUTC());
        int exit = SkiffMain.execute(io, "clusters", "--config", config.toString(), "--plugins", plugins.toString());
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String serviceAccountToken(TestbedCluster cluster, String namespace, String account) {
        cluster.kubectl("-n", namespace, "create", "serviceaccount", account);
        return cluster.kubectl("-n", namespace, "create", "token", account, "--duration=10m").strip();
    }

    @Test
    void staticTokenServiceAccountTokenKubeconfigAndExecClustersPass(TestbedCluster hub, TestNamespace namespace)
            throws IOException {
        Path plugins = TestingPluginsFolder.authToken(dir);
        Files.writeString(dir.resolve("ca.crt"), hub.caCertificatePem());
        String adminToken = hub.staticToken(TestbedCluster.ADMIN_USER);
        String saToken = serviceAccountToken(hub, namespace.name(), "robot");
        Files.writeString(dir.resolve("sa-token"), saToken);
        Path helper = Files.writeString(dir.resolve("token-helper"), """
                #!/bin/sh
                printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",'
                printf '"status":{"token":"%s","expirationTimestamp":"2999-01-01T00:00:00Z"}}' "$(cat "$TOKEN_FILE")"
                """);
        Files.setPosixFilePermissions(helper, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Files.writeString(dir.resolve("exec.kubeconfig"), """
                current-context: exec
                clusters: [{name: hub, cluster: {server: "%s", certificate-authority: ca.crt}}]
                contexts: [{name: exec, context: {cluster: hub, user: helper}}]
                users:
                - name: helper
                  user:
                    exec:
                      apiVersion: client.authentication.k8s.io/v1
                      command: ./token-helper
                      env: [{name: TOKEN_FILE, value: "%s"}]
                      interactiveMode: Never
                """.formatted(hub.server(), dir.resolve("sa-token")));
        Path config = Files.writeString(dir.resolve("controller.yaml"), """
                clusterSecret: {enabled: false}
                clusters:
                  static:
                    auth: {type: token, server: "%1$s", caFile: ca.crt, token: "%2$s"}
                  sa:
                    namespace: %3$s
                    auth: {type: in-cluster, server: "%1$s", caFile: ca.crt, tokenFile: sa-token}
                  admin:
                    auth: {type: kubeconfig, file: "%4$s"}
                  exec:
                    auth: {type: kubeconfig, file: exec.kubeconfig}
                """.formatted(hub.server(), adminToken, namespace.name(), hub.kubeconfig()));

        Run run = clusters(config, plugins);

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).containsPattern("(?m)^static +" + hub.server() + " +token +v1\\.\\d+\\.\\d+ +skiff-admin +OK$")
                .containsPattern("(?m)^sa +" + hub.server() + " +in-cluster +v1\\.\\d+\\.\\d+ +system:serviceaccount:"
                        + namespace.name() + ":robot +OK$")
                .containsPattern("(?m)^admin +" + hub.server() + " +kubeconfig +v1\\.\\d+\\.\\d+ +\\S+ +OK$")
                .containsPattern("(?m)^exec +" + hub.server() + " +kubeconfig +v1\\.\\d+\\.\\d+ +system:serviceaccount:"
                        + namespace.name() + ":robot +OK$")
                .containsPattern("(?m)^in-cluster .*SKIPPED: .*KUBERNETES_SERVICE_HOST is not set");
        assertThat(run.out() + run.err()).doesNotContain(adminToken).doesNotContain(saToken);
    }

    @Test
    void aWrongTokenFailsWithAClear401MessageThatDoesNotShowTheToken(TestbedCluster hub) throws IOException {
        Path plugins = TestingPluginsFolder.authToken(dir);
        String wrong = "wrong-token-" + System.nanoTime();
        Path config = Files.writeString(dir.resolve("controller.yaml"), """
                clusterSecret: {enabled: false}
                clusters:
                  bad:
                    auth: {type: token, server: "%s", caData: "%s", token: "%s"}
                """.formatted(hub.server(), java.util.Base64.getEncoder().encodeToString(
                        hub.caCertificatePem().getBytes(StandardCharsets.US_ASCII)), wrong));

        Run run = clusters(config, plugins);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).containsPattern("(?m)^bad +" + hub.server() + " +token +- +- +ERROR: 401"
                + " Unauthorized: the cluster rejected the credentials");
        assertThat(run.out() + run.err()).doesNotContain(wrong);
    }

    @Test
    void anUnknownAuthTypeIsABadConfigListingTheKnownTypes(TestbedCluster hub) throws IOException {
        Path plugins = TestingPluginsFolder.authToken(dir);
        Path config = Files.writeString(dir.resolve("controller.yaml"),
                "clusters:\n  x:\n    auth: {type: tokn, server: \"" + hub.server() + "\"}\n");

        Run run = clusters(config, plugins);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("ERROR: cluster 'x': unknown auth type 'tokn'; known types: [in-cluster,"
                + " kubeconfig, token]");
    }

    /** A self-signed CA certificate (PEM) that signed nothing the testbed serves, made with the JDK's keytool. */
    private Path otherCa() throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Path store = dir.resolve("other-ca.p12");
        Path pem = dir.resolve("other-ca.crt");
        for (List<String> args : List.of(
                List.of("-genkeypair", "-alias", "other", "-keyalg", "EC", "-dname", "CN=other-ca", "-validity", "2",
                        "-ext", "bc:c", "-keystore", store.toString(), "-storepass", "changeit"),
                List.of("-exportcert", "-rfc", "-alias", "other", "-keystore", store.toString(), "-storepass",
                        "changeit", "-file", pem.toString()))) {
            List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
            command.addAll(args);
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(output).isZero();
        }
        return pem;
    }

    @Test
    void anUntrustedServerCertificateSaysSoAndWhichSettingGivesTheCa(TestbedCluster hub)
            throws IOException, InterruptedException {
        Path plugins = TestingPluginsFolder.authToken(dir);
        otherCa();
        String token = hub.staticToken(TestbedCluster.ADMIN_USER);
        Files.writeString(dir.resolve("no-ca.kubeconfig"), """
                current-context: hub
                clusters: [{name: hub, cluster: {server: "%s"}}]
                users: [{name: admin, user: {token: %s}}]
                contexts: [{name: hub, context: {cluster: hub, user: admin}}]
                """.formatted(hub.server(), token));
        Path config = Files.writeString(dir.resolve("controller.yaml"), """
                clusterSecret: {enabled: false}
                clusters:
                  wrongca:
                    auth: {type: token, server: "%1$s", caFile: other-ca.crt, token: "%2$s"}
                  noca:
                    auth: {type: token, server: "%1$s", token: "%2$s"}
                  kubecfg:
                    auth: {type: kubeconfig, file: no-ca.kubeconfig}
                """.formatted(hub.server(), token));

        Run run = clusters(config, plugins);

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        String server = java.util.regex.Pattern.quote(hub.server().toString());
        String tokenHint = java.util.regex.Pattern.quote("set auth key caFile (a PEM file) or caData (base64 of the PEM)"
                + " to the API server's CA certificate");
        assertThat(run.out())
                .containsPattern("(?m)^wrongca +" + server + " +token +- +- +ERROR: the API server's certificate is not"
                        + " trusted: the CA certificate given for cluster 'wrongca' did not sign it; " + tokenHint + "$")
                .containsPattern("(?m)^noca +" + server + " +token +- +- +ERROR: the API server's certificate is not"
                        + " trusted: no CA certificate is given for cluster 'noca' and the JDK's trust store does not"
                        + " hold its issuer; " + tokenHint + "$")
                .containsPattern("(?m)^kubecfg +" + server + " +kubeconfig +- +- +ERROR: the API server's certificate is"
                        + " not trusted: no CA certificate is given for cluster 'kubecfg' and the JDK's trust store does"
                        + " not hold its issuer; set certificate-authority \\(a file\\) or certificate-authority-data"
                        + " \\(base64 PEM\\) of the cluster that context 'hub' uses in kubeconfig "
                        + java.util.regex.Pattern.quote(dir.resolve("no-ca.kubeconfig").toString()) + "$");
        assertThat(run.out() + run.err()).doesNotContain(token).doesNotContain("SunCertPathBuilderException")
                .doesNotContain("cannot reach");
    }
}
