package dev.skiff.testbed;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.Config;
import io.kubernetes.client.util.credentials.AccessTokenAuthentication;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One running testbed cluster (a real kube-apiserver with etcd, controller-manager, scheduler and
 * fake nodes). Its {@code toString} names it and its server, never a credential.
 */
public final class TestbedCluster {
    /** Static-token user in group {@code system:masters}. */
    public static final String ADMIN_USER = "skiff-admin";
    /** Static-token user in group {@code skiff:testbed-users}, which no RBAC rule mentions. */
    public static final String PLAIN_USER = "skiff-user";
    /** Path on the webhook port where kube-apiserver POSTs its TokenReviews. */
    public static final String WEBHOOK_PATH = "/authenticate";

    private static final Duration KUBECTL_TIMEOUT = Duration.ofMinutes(2);

    private final String name;
    private final URI server;
    private final Path kubeconfig;
    private final String caCertificatePem;
    private final Map<String, String> staticTokens;
    private final int webhookPort;
    private final URI webhookUrl;
    private final Optional<Path> kubectl;
    private final Optional<ProcessKubelet> kubelet;
    private final Optional<ApiServerSwitch> apiServer;
    private ApiClient adminClient;

    TestbedCluster(String name, URI server, Path kubeconfig, String caCertificatePem,
                   Map<String, String> staticTokens, int webhookPort, URI webhookUrl, Optional<Path> kubectl,
                   Optional<ProcessKubelet> kubelet, Optional<ApiServerSwitch> apiServer) {
        this.name = name;
        this.server = server;
        this.kubeconfig = kubeconfig;
        this.caCertificatePem = caCertificatePem;
        this.staticTokens = Map.copyOf(staticTokens);
        this.webhookPort = webhookPort;
        this.webhookUrl = webhookUrl;
        this.kubectl = kubectl;
        this.kubelet = kubelet;
        this.apiServer = apiServer;
    }

    /** The cluster's name, e.g. {@code hub}. */
    public String name() {
        return name;
    }

    /** The kube-apiserver's URL, e.g. {@code https://127.0.0.1:32766}. */
    public URI server() {
        return server;
    }

    /** An admin kubeconfig file (client certificate of group {@code system:masters}). */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /** PEM of the CA that signed the kube-apiserver's serving certificate. */
    public String caCertificatePem() {
        return caCertificatePem;
    }

    /** A client with the admin kubeconfig's credentials; the same instance on every call. */
    public synchronized ApiClient apiClient() {
        if (adminClient == null) {
            try {
                adminClient = Config.fromConfig(kubeconfig.toString());
            } catch (IOException e) {
                throw new TestbedException("cannot read the kubeconfig of cluster " + name + ": " + e.getMessage(), e);
            }
        }
        return adminClient;
    }

    /** A new client that authenticates with {@code bearerToken} alone (verifying the server's CA). */
    public ApiClient apiClient(String bearerToken) {
        return new ClientBuilder()
                .setBasePath(server.toString())
                .setCertificateAuthority(caCertificatePem.getBytes(StandardCharsets.US_ASCII))
                .setAuthentication(new AccessTokenAuthentication(bearerToken))
                .build();
    }

    /** The static token of {@code user} ({@link #ADMIN_USER} or {@link #PLAIN_USER}). */
    public String staticToken(String user) {
        String token = staticTokens.get(user);
        if (token == null) {
            throw new IllegalArgumentException("cluster " + name + " has no static token for user '" + user
                    + "'; it has tokens for " + staticTokenUsers());
        }
        return token;
    }

    /** Users that have a static token on this cluster. */
    public Set<String> staticTokenUsers() {
        return new TreeSet<>(staticTokens.keySet());
    }

    /**
     * The loopback port this cluster's kube-apiserver sends webhook TokenReviews to. Nothing
     * listens there unless a test starts a server on it; other authentication works regardless.
     */
    public int webhookPort() {
        return webhookPort;
    }

    /** The full URL kube-apiserver POSTs TokenReviews to ({@code http://127.0.0.1:<port>/authenticate}). */
    public URI webhookUrl() {
        return webhookUrl;
    }

    /**
     * The cluster's process kubelet, which runs Argo's pods (those labelled
     * {@value ProcessKubelet#WORKFLOW_LABEL}); empty on K3s, where a real kubelet runs every pod.
     */
    public Optional<ProcessKubelet> kubelet() {
        return kubelet;
    }

    /**
     * Stops this cluster's kube-apiserver and returns once its port is closed: requests and watches to the
     * cluster fail (connection refused) while etcd, the scheduler, the controllers, the process kubelet and the
     * pods it runs go on. Process testbed only.
     *
     * @throws TestbedException if it was not running or could not be stopped, or on K3s
     */
    public void stopApiServer() {
        apiServerSwitch().stop();
    }

    /**
     * Starts this cluster's kube-apiserver again after {@link #stopApiServer()}, with the same command line: same
     * address and port, certificates and etcd data, so clients reconnect and watches resume. Returns once
     * {@code /readyz} answers {@code ok}; a no-op when it runs already.
     *
     * @throws TestbedException if it could not be started, or on K3s
     */
    public void startApiServer() {
        apiServerSwitch().start();
    }

    private ApiServerSwitch apiServerSwitch() {
        return apiServer.orElseThrow(() -> new TestbedException("cluster " + name + " runs on K3s: its API server"
                + " cannot be stopped on its own (process testbed only)"));
    }

    /**
     * Runs kubectl with the admin kubeconfig and returns what it printed.
     *
     * @throws TestbedException if kubectl exits with an error (with its error output)
     */
    public String kubectl(String... args) {
        return kubectl(Map.of(), args);
    }

    /**
     * Runs kubectl with the admin kubeconfig and extra environment variables (e.g.
     * {@code KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false} for exec over SPDY, as Argo's controller
     * does) and returns what it printed.
     *
     * @throws TestbedException if kubectl exits with an error (with its error output)
     */
    public String kubectl(Map<String, String> environment, String... args) {
        Path binary = kubectl.orElseThrow(() -> new TestbedException(
                "no kubectl for cluster " + name + ": run testbed/prepare.sh to build it"));
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        CommandRun run = CommandRun.of(command, environment, KUBECTL_TIMEOUT);
        if (!run.succeeded()) {
            String verb = args.length == 0 ? "" : " " + args[0];
            throw new TestbedException("kubectl" + verb + " on cluster " + name + " failed (exit " + run.exitCode()
                    + "): " + run.stderr().strip());
        }
        return run.stdout();
    }

    @Override
    public String toString() {
        return "TestbedCluster[" + name + " " + server + "]";
    }
}
