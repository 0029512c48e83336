package dev.skiff.auth.eks.it;

import dev.skiff.engine.cluster.Cluster;
import dev.skiff.engine.cluster.ClusterApiClients;
import dev.skiff.engine.cluster.ClusterCheck;
import dev.skiff.engine.cluster.ClusterRegistry;
import dev.skiff.engine.cluster.ClusterSetup;
import dev.skiff.engine.config.ControllerConfigReader;
import dev.skiff.engine.plugin.AuthProviderCatalog;
import dev.skiff.engine.plugin.PluginLoader;
import dev.skiff.spi.auth.BearerToken;
import dev.skiff.spi.auth.ClusterCredentials;
import dev.skiff.spi.auth.TokenSource;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.VersionApi;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Skiff process in a JVM of its own, as {@code skiff clusters} builds it: the controller config
 * read, the auth plugins loaded from the plugins folder (each in its own module layer), the
 * cluster registry built, and every {@code check} line on standard input answered with
 * {@link ClusterCheck#check} (official client from {@code ClusterApiClients}, with its
 * refresh-once-retry-once interceptor) on the named cluster; a {@code probe} line with the
 * status the cluster gives the provider's current token, without refresh or retry. The only addition: the cluster's
 * token source is wrapped to count refreshes and note the tokens handed out, by signing key id
 * and a short hash (never the token). Its logs go to standard error ({@link TestingClusterClient}
 * sets the level: debug for Skiff's loggers).
 *
 * <p>Arguments: the controller config, the plugins folder, the cluster's name. Prints
 * {@code ready}, then per check {@code key=value} lines and {@code end}.
 */
public final class TestingClusterClientMain {

    private static final Pattern KEY_ID = Pattern.compile("X-Amz-Credential=([^%&/]+)");

    public static void main(String[] args) throws Exception {
        var config = ControllerConfigReader.read(Path.of(args[0]).toAbsolutePath());
        var catalog = AuthProviderCatalog.of(new PluginLoader().load(Path.of(args[1])));
        try (ClusterRegistry registry = ClusterRegistry.build(config, catalog,
                new ClusterSetup(Clock.systemUTC(), System.getenv(), ClusterSetup.system().secretReader()))) {
            Optional<Cluster> found = registry.find(args[2]);
            if (found.isEmpty()) {
                System.out.println("error=no usable cluster " + args[2] + ": " + registry.problems());
                System.exit(3);
            }
            Cluster cluster = found.get();
            var tokens = new ObservedTokens(cluster.credentials().token().orElseThrow());
            ClusterCredentials c = cluster.credentials();
            Cluster observed = new Cluster(cluster.name(), cluster.origin(), cluster.managedNamespace(), cluster.authType(),
                    cluster.pluginFolder(), cluster.provider(),
                    new ClusterCredentials(c.server(), c.caBundle(), Optional.of(tokens), c.clientCertificate(),
                            c.insecureSkipTlsVerify()));
            System.out.println("ready");
            var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                if (line.equals("probe")) {
                    System.out.println("status=" + probe(c));
                    System.out.println("end");
                    continue;
                }
                ClusterCheck.Result result = ClusterCheck.check(observed);
                System.out.println("ok=" + result.ok());
                System.out.println("name=" + result.name());
                System.out.println("identity=" + result.identity().orElse(""));
                System.out.println("error=" + result.error().orElse("").replace('\n', ' '));
                System.out.println("result=" + result.toString().replace('\n', ' '));
                System.out.println("refreshes=" + tokens.refreshes());
                System.out.println("handedOut=" + String.join(",", tokens.handedOut()));
                System.out.println("end");
            }
        }
    }

    /**
     * The HTTP status of {@code GET /version} sent once with the provider's current token and no
     * refresh or retry (0: no answer); the token is not counted as handed out.
     */
    private static int probe(ClusterCredentials credentials) {
        ApiClient client = ClusterApiClients.create(new ClusterCredentials(credentials.server(), credentials.caBundle(),
                Optional.empty(), credentials.clientCertificate(), credentials.insecureSkipTlsVerify()));
        client.setApiKeyPrefix("Bearer");
        client.setApiKey(credentials.token().orElseThrow().token().value());
        try {
            new VersionApi(client).getCode().execute();
            return 200;
        } catch (ApiException e) {
            return e.getCode();
        }
    }

    /** Delegates to the provider's token source, counting refreshes and noting each token handed out. */
    private static final class ObservedTokens implements TokenSource {
        private final TokenSource delegate;
        private final List<String> handedOut = new ArrayList<>();
        private int refreshes;

        ObservedTokens(TokenSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public synchronized BearerToken token() {
            return note(delegate.token());
        }

        @Override
        public synchronized BearerToken refresh() {
            refreshes++;
            return note(delegate.refresh());
        }

        synchronized int refreshes() {
            return refreshes;
        }

        synchronized List<String> handedOut() {
            return List.copyOf(handedOut);
        }

        private BearerToken note(BearerToken token) {
            handedOut.add(keyId(token.value()) + "#" + shortHash(token.value()));
            return token;
        }

        private static String keyId(String token) {
            String url = new String(Base64.getUrlDecoder().decode(token.substring("k8s-aws-v1.".length())),
                    StandardCharsets.UTF_8);
            Matcher m = KEY_ID.matcher(url);
            return m.find() ? m.group(1) : "?";
        }

        private static String shortHash(String token) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest, 0, 6);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
