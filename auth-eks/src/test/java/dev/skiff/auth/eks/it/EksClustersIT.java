package dev.skiff.auth.eks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.testbed.ClusterName;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the testbed: the spoke's real kube-apiserver authenticates bearer tokens with the
 * emulator's EKS-style webhook (on the port the testbed wired it to), the spoke role's access
 * entry gives group {@link TestingAwsEmulator#SPOKE_GROUP}, and RBAC lets that group read
 * namespaces only. The skiff CLI runs in JVMs of their own with a pod's Pod Identity environment.
 */
@Testbed
class EksClustersIT {

    static final String POD_TOKEN = "eyJhbGciOiJSUzI1NiJ9.hub-controller-sa-token.sig";
    static final String SPOKE_USER = "arn:aws:sts::" + TestingAwsEmulator.SPOKE_ACCOUNT + ":assumed-role/skiff-spoke/skiff";
    static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");

    @TempDir
    static Path dir;
    static TestingAwsEmulator aws;
    static TestbedCluster spoke;
    static Path plugins;

    @BeforeAll
    static void setUp(@ClusterName("spoke1") TestbedCluster cluster) throws Exception {
        spoke = cluster;
        Path ca = Files.writeString(dir.resolve("spoke1-ca.crt"), spoke.caCertificatePem());
        aws = TestingAwsEmulator.start(dir, POD_TOKEN,
                List.of(new TestingAwsEmulator.Cluster("spoke1", spoke.server().toString(), ca, spoke.webhookPort())));
        spoke.kubectl("create", "clusterrole", "skiff-eks-it-read-namespaces", "--verb=get,list", "--resource=namespaces");
        spoke.kubectl("create", "clusterrolebinding", "skiff-eks-it-read-namespaces",
                "--clusterrole=skiff-eks-it-read-namespaces", "--group=" + TestingAwsEmulator.SPOKE_GROUP);
        plugins = TestingPluginFolder.create(dir);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (aws != null) {
            aws.close();
        }
    }

    static Path config(String role) throws Exception {
        return aws.writeSpokeConfig(dir.resolve("controller-" + role.substring(role.lastIndexOf('/') + 1) + ".yaml"), role);
    }

    static TestingSkiff skiff(String... args) throws Exception {
        return TestingSkiff.run(dir, aws.podIdentityEnvironment(), args);
    }

    static String eksTokenFromCli() throws Exception {
        TestingSkiff run = skiff("auth", "eks-token", "--cluster-name", "spoke1", "--region", TestingAwsEmulator.REGION,
                "--role-arn", TestingAwsEmulator.SPOKE_ROLE, "--sts-endpoint", aws.awsEndpoint(), "--plugins", plugins.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).as("an exec plugin's stderr reaches the kubectl user").doesNotContain("SLF4J", "INFO");
        Matcher token = TOKEN.matcher(run.out());
        assertThat(token.find()).as(run.out()).isTrue();
        return token.group(1);
    }

    @Test
    void skiffClustersShowsTheSpokeOkWithTheAssumedRoleIdentity() throws Exception {
        TestingSkiff run = skiff("clusters", "--config", config(TestingAwsEmulator.SPOKE_ROLE).toString(),
                "--plugins", plugins.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).containsPattern("(?m)^spoke +" + Pattern.quote(spoke.server().toString())
                + " +eks +v1\\.\\d+\\.\\d+ +" + Pattern.quote(SPOKE_USER) + " +OK$");
        assertThat(run.out() + run.err()).doesNotContain(POD_TOKEN).doesNotContain("k8s-aws-v1.");
        assertThat(aws.log()).contains("webhook spoke1: authenticated " + SPOKE_USER);
    }

    @Test
    void aRoleWithoutAccessEntryIsUnauthorized() throws Exception {
        TestingSkiff run = skiff("clusters", "--config", config(TestingAwsEmulator.NO_ENTRY_ROLE).toString(),
                "--plugins", plugins.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).containsPattern("(?m)^spoke .* eks .*ERROR: 401 Unauthorized");
        assertThat(aws.log()).contains("refused: no access entry for " + TestingAwsEmulator.NO_ENTRY_ROLE);
    }

    @Test
    void rbacOfTheAccessEntrysGroupDecidesWhatTheTokenMayDo() throws Exception {
        var client = spoke.apiClient(eksTokenFromCli());

        assertThat(new CoreV1Api(client).listNamespace().execute().getItems()).isNotEmpty();
        assertThatThrownBy(() -> new CoreV1Api(client).listNamespacedSecret("kube-system").execute())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    }

    @Test
    void kubectlTakesSkiffAsItsExecCredentialPlugin() throws Exception {
        List<String> command = TestingSkiff.command("auth", "eks-token", "--cluster-name", "spoke1", "--region",
                TestingAwsEmulator.REGION, "--role-arn", TestingAwsEmulator.SPOKE_ROLE, "--sts-endpoint", aws.awsEndpoint(),
                "--plugins", plugins.toString());
        StringBuilder args = new StringBuilder();
        for (String arg : command.subList(1, command.size())) {
            args.append("\n        - \"").append(arg).append('"');
        }
        StringBuilder env = new StringBuilder();
        var environment = new java.util.TreeMap<>(TestingSkiff.isolation(dir));
        environment.putAll(aws.podIdentityEnvironment());
        environment.forEach((k, v) -> env.append("\n        - {name: ").append(k).append(", value: \"").append(v).append("\"}"));
        Path kubeconfig = Files.writeString(dir.resolve("exec.kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: spoke1
                  cluster: {server: "%s", certificate-authority-data: %s}
                users:
                - name: skiff-eks
                  user:
                    exec:
                      apiVersion: client.authentication.k8s.io/v1beta1
                      interactiveMode: Never
                      command: "%s"
                      args:%s
                      env:%s
                contexts:
                - name: spoke1
                  context: {cluster: spoke1, user: skiff-eks}
                current-context: spoke1
                """.formatted(spoke.server(), Base64.getEncoder().encodeToString(spoke.caCertificatePem().getBytes(StandardCharsets.US_ASCII)),
                command.getFirst(), args, env));

        String whoami = spoke.kubectl("--kubeconfig", kubeconfig.toString(), "auth", "whoami", "-o", "jsonpath={.status.userInfo.username}");

        assertThat(whoami.strip()).isEqualTo(SPOKE_USER);
    }

    @Test
    void theClusterRefusesATokenSignedMoreThanFifteenMinutesAgo() throws Exception {
        String old = TestingLayerRun.run(dir, aws.podIdentityEnvironment(), "-PT16M", EksPluginLayerIT.settings(aws,
                "spoke1", TestingAwsEmulator.SPOKE_ROLE)).get("token");

        assertThatThrownBy(() -> new CoreV1Api(spoke.apiClient(old)).listNamespace().execute())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(401));
    }

    @Test
    void theClusterRefusesATokenWithATamperedSignature() throws Exception {
        String token = eksTokenFromCli();
        String url = new String(Base64.getUrlDecoder().decode(token.substring("k8s-aws-v1.".length())), StandardCharsets.UTF_8);
        String tampered = url.replaceFirst("X-Amz-Signature=(.)", "X-Amz-Signature=" + (url.contains("X-Amz-Signature=0") ? "1" : "0"));
        String forged = "k8s-aws-v1." + Base64.getUrlEncoder().withoutPadding().encodeToString(tampered.getBytes(StandardCharsets.UTF_8));

        assertThat(new CoreV1Api(spoke.apiClient(token)).listNamespace().execute().getItems()).isNotEmpty();
        assertThatThrownBy(() -> new CoreV1Api(spoke.apiClient(forged)).listNamespace().execute())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(401));
    }
}
