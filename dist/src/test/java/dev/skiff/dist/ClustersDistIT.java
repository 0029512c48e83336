package dev.skiff.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.plugin.Plugin;
import dev.skiff.engine.plugin.PluginLoader;
import dev.skiff.engine.plugin.PluginProblem;
import dev.skiff.engine.plugin.PluginSet;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import dev.skiff.testbed.TestNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distribution's plugin folders, and {@code bin/skiff clusters} against real kube-apiservers. */
class ClustersDistIT {

    @TempDir
    Path dir;

    @Test
    void everyPluginFolderOfTheDistributionLoadsInItsOwnLayerWithoutPackagingProblems() {
        PluginSet set = new PluginLoader().load(TestingLauncher.home().resolve("plugins"));

        assertThat(set.plugins()).extracting(Plugin::name).contains("auth-token");
        Plugin token = set.plugins().stream().filter(p -> p.name().equals("auth-token")).findFirst().orElseThrow();
        assertThat(token.modules()).containsExactly("dev.skiff.auth.token");
        assertThat(token.providerNames()).containsExactly("token", "kubeconfig", "in-cluster");
        Plugin eks = set.plugins().stream().filter(p -> p.name().equals("auth-eks")).findFirst().orElseThrow();
        assertThat(eks.providerNames()).containsExactly("eks");
        assertThat(set.plugins()).extracting(Plugin::layer).doesNotHaveDuplicates();
        // A plugin whose module does not provide a service yet is fine; a folder that bundles the SPI,
        // misses a dependency or holds a broken jar is a packaging bug of the distribution.
        assertThat(set.problems()).extracting(PluginProblem::kind)
                .allMatch(kind -> Set.of(PluginProblem.Kind.NO_PROVIDERS).contains(kind));
    }

    @Nested
    @Testbed
    class AgainstTheTestbed {

        @Test
        void staticTokenServiceAccountAndKubeconfigClustersPassThroughBinSkiff(TestbedCluster hub, TestNamespace ns)
                throws Exception {
            Files.writeString(dir.resolve("ca.crt"), hub.caCertificatePem());
            String admin = hub.staticToken(TestbedCluster.ADMIN_USER);
            hub.kubectl("-n", ns.name(), "create", "serviceaccount", "robot");
            String sa = hub.kubectl("-n", ns.name(), "create", "token", "robot", "--duration=10m").strip();
            Files.writeString(dir.resolve("sa-token"), sa);
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
                    """.formatted(hub.server(), admin, ns.name(), hub.kubeconfig()));

            var run = TestingLauncher.run(Map.of(), "clusters", "--config", config.toString());

            assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
            assertThat(run.stdout())
                    .containsPattern("(?m)^static +" + hub.server() + " +token +v1\\.\\d+\\.\\d+ +skiff-admin +OK$")
                    .containsPattern("(?m)^sa +" + hub.server() + " +in-cluster +v1\\.\\d+\\.\\d+ +system:serviceaccount:"
                            + ns.name() + ":robot +OK$")
                    .containsPattern("(?m)^admin +" + hub.server() + " +kubeconfig +v1\\.\\d+\\.\\d+ +\\S+ +OK$");
            assertThat(run.stdout() + run.stderr()).doesNotContain(admin).doesNotContain(sa);
            // on the module path every plugin folder of the distribution resolves over the engine's layer
            assertThat(run.stderr()).doesNotContain("cannot be resolved").doesNotContain("not a valid module")
                    .doesNotContain("bundles");
            // the Kubernetes client's SLF4J logging is bound to java.util.logging (no "no providers" warnings)
            assertThat(run.stderr()).doesNotContain("SLF4J");
        }

        @Test
        void aWrongTokenIsExit1WithA401MessageWithoutTheToken(TestbedCluster hub) throws IOException, InterruptedException {
            Files.writeString(dir.resolve("ca.crt"), hub.caCertificatePem());
            String wrong = "not-the-token-" + System.nanoTime();
            Path config = Files.writeString(dir.resolve("controller.yaml"), """
                    clusterSecret: {enabled: false}
                    clusters:
                      bad: {auth: {type: token, server: "%s", caFile: ca.crt, token: "%s"}}
                    """.formatted(hub.server(), wrong));

            var run = TestingLauncher.run(Map.of(), "clusters", "--config", config.toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stdout()).contains("ERROR: 401 Unauthorized: the cluster rejected the credentials");
            assertThat(run.stdout() + run.stderr()).doesNotContain(wrong).doesNotContain("\tat ");
        }

        @Test
        void aServerCertificateTheClusterCannotTrustIsExit1NamingTheCaSetting(TestbedCluster hub) throws Exception {
            String token = hub.staticToken(TestbedCluster.ADMIN_USER);
            Path config = Files.writeString(dir.resolve("controller.yaml"), """
                    clusterSecret: {enabled: false}
                    clusters:
                      noca: {auth: {type: token, server: "%s", token: "%s"}}
                    """.formatted(hub.server(), token));

            var run = TestingLauncher.run(Map.of(), "clusters", "--config", config.toString());

            assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isEqualTo(1);
            assertThat(run.stdout()).contains("ERROR: the API server's certificate is not trusted: no CA certificate is"
                    + " given for cluster 'noca' and the JDK's trust store does not hold its issuer; set auth key caFile"
                    + " (a PEM file) or caData (base64 of the PEM) to the API server's CA certificate");
            assertThat(run.stdout() + run.stderr()).doesNotContain(token).doesNotContain("SunCertPathBuilderException")
                    .doesNotContain("\tat ");
        }

        @Test
        void aServerAddressTheCertificateDoesNotNameIsExit1SayingWhichNamesItHas(TestbedCluster hub)
                throws Exception {
            // A host name that resolves to the testbed's loopback address but is not in its certificate.
            Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1 not-in-the-certificate.skiff.test\n");
            Files.writeString(dir.resolve("ca.crt"), hub.caCertificatePem());
            String server = "https://not-in-the-certificate.skiff.test:" + hub.server().getPort();
            Path config = Files.writeString(dir.resolve("controller.yaml"), """
                    clusterSecret: {enabled: false}
                    clusters:
                      misnamed: {auth: {type: token, server: "%s", caFile: ca.crt, token: "%s"}}
                    """.formatted(server, hub.staticToken(TestbedCluster.ADMIN_USER)));

            var run = TestingLauncher.run(Map.of("SKIFF_JAVA_OPTS", "-Djdk.net.hosts.file=" + hosts), "clusters",
                    "--config", config.toString());

            assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isEqualTo(1);
            assertThat(run.stdout()).containsPattern("(?m)ERROR: the API server's certificate is not valid for host"
                    + " 'not-in-the-certificate.skiff.test' \\(it names \\[[^\\]]*127\\.0\\.0\\.1[^\\]]*\\]\\); use a"
                    + " server address the certificate names, or have it reissued with this one$");
        }
    }
}
