package dev.skiff.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code skiff clusters} as the distribution runs it: engine, SPI and their dependencies on the
 * module path (with the flags the official Kubernetes client needs there), the auth-token plugin
 * in its own layer, against a real kube-apiserver.
 */
@Testbed
class ClustersOnModulePathIT {

    /** What a launcher must pass for the Kubernetes client on the module path (EKS-AUTH.md, JPMS facts). */
    static final List<String> KUBERNETES_CLIENT_FLAGS = List.of(
            "--add-modules", "ALL-MODULE-PATH,jdk.net",
            "--add-exports", "okhttp3/okhttp3.internal.http=io.kubernetes.client.java.api",
            "--add-exports", "okhttp3/okhttp3.internal.tls=io.kubernetes.client.java.api",
            "--add-exports", "okhttp3/okhttp3.internal.concurrent=io.kubernetes.client.java",
            "--add-exports", "okhttp3/okhttp3.internal.http2=io.kubernetes.client.java");

    @TempDir
    Path dir;

    @Test
    void kubeconfigAndStaticTokenClustersPassWithTheEngineOnTheModulePath(TestbedCluster hub) throws Exception {
        Path plugins = TestingPluginsFolder.authToken(dir);
        Files.writeString(dir.resolve("ca.crt"), hub.caCertificatePem());
        String token = hub.staticToken(TestbedCluster.ADMIN_USER);
        Path config = Files.writeString(dir.resolve("controller.yaml"), """
                clusterSecret: {enabled: false}
                clusters:
                  admin:
                    auth: {type: kubeconfig, file: "%s"}
                  static:
                    auth: {type: token, server: "%s", caFile: ca.crt, token: "%s"}
                """.formatted(hub.kubeconfig(), hub.server(), token));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--module-path", Path.of("target/classes").toAbsolutePath() + File.pathSeparator
                + Files.readString(Path.of("target/runtime-classpath.txt")).strip()));
        command.addAll(KUBERNETES_CLIENT_FLAGS);
        command.addAll(List.of("-m", "dev.skiff.engine/dev.skiff.engine.cli.SkiffMain", "clusters",
                "--config", config.toString(), "--plugins", plugins.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).containsPattern("(?m)^admin +" + hub.server() + " +kubeconfig +v1\\.\\d+\\.\\d+ +\\S+ +OK$")
                .containsPattern("(?m)^static +" + hub.server() + " +token +v1\\.\\d+\\.\\d+ +skiff-admin +OK$")
                .doesNotContain(token);
    }
}
