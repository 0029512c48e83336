package dev.skiff.auth.eks;

import dev.skiff.spi.auth.ClusterAuthException;
import dev.skiff.spi.auth.ClusterAuthProvider;
import dev.skiff.spi.auth.ClusterCredentials;
import dev.skiff.spi.auth.TokenSource;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One EKS cluster: a shared {@link EksTokenSource} and the cluster's endpoint and CA (from the
 * config, or from DescribeCluster once, on first use).
 */
final class EksAuthProvider implements ClusterAuthProvider {

    private final String name;
    private final EksTokenSource tokens;
    private final Supplier<ClusterEndpoint> describe;
    private final AutoCloseable resources;
    private final System.Logger logger;
    private ClusterEndpoint endpoint;

    private final EksAuthSettings settings;

    EksAuthProvider(String name, EksAuthSettings settings, EksTokenSource tokens, Supplier<ClusterEndpoint> describe,
            AutoCloseable resources, System.Logger logger) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.name = Objects.requireNonNull(name, "name");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.describe = Objects.requireNonNull(describe, "describe");
        this.resources = Objects.requireNonNull(resources, "resources");
        this.logger = Objects.requireNonNull(logger, "logger");
    }

    @Override
    public ClusterCredentials credentials() {
        ClusterEndpoint where = endpoint();
        return new ClusterCredentials(where.server(), where.caPem(), Optional.of(tokens), Optional.empty(), false,
                settings.insecureSendCredentialsOverHttp());
    }

    @Override
    public String caHint() {
        return settings.caPem().isPresent()
                ? "auth key caData does not hold the CA of this API server; correct it, or remove it (and endpoint)"
                        + " to take both from EKS DescribeCluster"
                : "the CA comes from EKS DescribeCluster for '" + settings.clusterName() + "' in " + settings.region()
                        + settings.endpoint().map(e -> ", while auth key endpoint points elsewhere: check that"
                                + " endpoint belongs to that cluster, or remove it").orElse(
                                        ": check that nothing between Skiff and the API server replaces its"
                                                + " certificate (a TLS-inspecting proxy)");
    }

    /** The token source alone, without DescribeCluster: what {@code skiff auth eks-token} needs. */
    @Override
    public Optional<TokenSource> tokens() {
        return Optional.of(tokens);
    }

    private synchronized ClusterEndpoint endpoint() {
        if (endpoint == null) {
            endpoint = describe.get();
            logger.log(Level.INFO, "cluster '" + name + "': EKS API server " + endpoint.server()
                    + (endpoint.caPem().isPresent() ? " (CA from EKS)" : ""));
        }
        return endpoint;
    }

    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            throw new ClusterAuthException("cluster '" + name + "': closing the AWS clients failed: " + AwsErrors.describe(e), e);
        }
    }

    @Override
    public String toString() {
        return "EksAuthProvider[cluster=" + name + "]";
    }
}
