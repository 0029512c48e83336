package dev.skiff.testbed;

import io.kubernetes.client.util.KubeConfig;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.Testcontainers;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The same clusters as K3s containers through Testcontainers, for machines with a Docker engine.
 * Each gets the testbed's static tokens and token webhook; pods really run there, so the kwok pod
 * annotations of the process testbed do not apply.
 */
final class K3sTestbed {
    static final String IMAGE = "rancher/k3s:v1.34.1-k3s1";
    private static final String WEBHOOK_HOST = "host.testcontainers.internal";
    private static final System.Logger LOG = System.getLogger(K3sTestbed.class.getName());

    private final List<K3sContainer> containers = new ArrayList<>();
    private Path directory;

    /** Whether Testcontainers finds a Docker engine (false also when Testcontainers cannot load). */
    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.DEBUG, "Docker engine check failed", e);
            return false;
        }
    }

    TestbedClusters start(List<String> names) {
        if (!dockerAvailable()) {
            throw new TestbedException("SKIFF_TESTBED=k3s needs a Docker engine, and Testcontainers finds none");
        }
        try {
            directory = Files.createTempDirectory("skiff-k3s-");
            List<TestbedCluster> clusters = new ArrayList<>();
            for (String name : names) {
                clusters.add(startOne(name));
            }
            return new TestbedClusters(clusters);
        } catch (IOException | RuntimeException e) {
            stop();
            throw new TestbedException("starting K3s clusters " + names + " failed: " + e.getMessage(), e);
        }
    }

    private TestbedCluster startOne(String name) throws IOException {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put(TestbedCluster.ADMIN_USER, randomToken());
        tokens.put(TestbedCluster.PLAIN_USER, randomToken());
        String tokenFile = "%s,%s,%s-uid,\"system:masters\"\n%s,%s,%s-uid,\"skiff:testbed-users\"\n".formatted(
                tokens.get(TestbedCluster.ADMIN_USER), TestbedCluster.ADMIN_USER, TestbedCluster.ADMIN_USER,
                tokens.get(TestbedCluster.PLAIN_USER), TestbedCluster.PLAIN_USER, TestbedCluster.PLAIN_USER);
        int webhookPort = freeLoopbackPort();
        Testcontainers.exposeHostPorts(webhookPort);
        String webhookConfig = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: token-webhook
                  cluster: {server: "http://%s:%d%s"}
                users:
                - name: kube-apiserver
                  user: {}
                contexts:
                - name: token-webhook
                  context: {cluster: token-webhook, user: kube-apiserver}
                current-context: token-webhook
                """.formatted(WEBHOOK_HOST, webhookPort, TestbedCluster.WEBHOOK_PATH);
        K3sContainer container = new K3sContainer(DockerImageName.parse(IMAGE));
        container.withCopyToContainer(Transferable.of(tokenFile, 0600), "/etc/skiff/tokens.csv")
                .withCopyToContainer(Transferable.of(webhookConfig, 0600), "/etc/skiff/webhook.kubeconfig")
                .withCommand("server", "--disable=traefik", "--tls-san=" + container.getHost(),
                        "--kube-apiserver-arg=token-auth-file=/etc/skiff/tokens.csv",
                        "--kube-apiserver-arg=authentication-token-webhook-config-file=/etc/skiff/webhook.kubeconfig",
                        "--kube-apiserver-arg=authentication-token-webhook-version=v1",
                        "--kube-apiserver-arg=authentication-token-webhook-cache-ttl=0s");
        containers.add(container);
        container.start();
        String yaml = container.getKubeConfigYaml();
        Path kubeconfig = directory.resolve(name + ".kubeconfig");
        Files.writeString(kubeconfig, yaml);
        KubeConfig parsed = KubeConfig.loadKubeConfig(new StringReader(yaml));
        byte[] ca = parsed.getDataOrFileRelative(parsed.getCertificateAuthorityData(), parsed.getCertificateAuthorityFile());
        return new TestbedCluster(name, URI.create(parsed.getServer()), kubeconfig,
                new String(ca, StandardCharsets.US_ASCII), tokens, webhookPort,
                URI.create("http://127.0.0.1:" + webhookPort + TestbedCluster.WEBHOOK_PATH), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    void stop() {
        containers.forEach(K3sContainer::stop);
        containers.clear();
        if (directory != null) {
            try (var files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
                Files.deleteIfExists(directory);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "could not delete {0}: {1}", directory, e.getMessage());
            }
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
