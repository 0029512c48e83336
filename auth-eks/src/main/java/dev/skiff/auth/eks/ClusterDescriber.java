package dev.skiff.auth.eks;

import dev.skiff.spi.auth.ClusterAuthException;
import java.net.URI;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;

/**
 * Fills in what the config leaves out of a cluster's endpoint and CA with EKS DescribeCluster,
 * called with the signing (assumed-role) credentials.
 */
final class ClusterDescriber implements Supplier<ClusterEndpoint> {

    private final String name;
    private final EksAuthSettings settings;
    private final Supplier<EksClient> eks;
    private final Runnable credentialsCheck;

    /**
     * {@code credentialsCheck} runs before DescribeCluster: a credentials failure explains itself
     * better than the DescribeCluster failure it would otherwise cause.
     */
    ClusterDescriber(String name, EksAuthSettings settings, Supplier<EksClient> eks, Runnable credentialsCheck) {
        this.name = name;
        this.settings = settings;
        this.eks = eks;
        this.credentialsCheck = credentialsCheck;
    }

    @Override
    public ClusterEndpoint get() {
        if (settings.endpoint().isPresent() && settings.caPem().isPresent()) {
            return new ClusterEndpoint(settings.endpoint().orElseThrow(), settings.caPem());
        }
        credentialsCheck.run();
        Cluster cluster;
        try {
            cluster = eks.get().describeCluster(r -> r.name(settings.clusterName())).cluster();
        } catch (SdkException e) {
            throw new ClusterAuthException("cluster '" + name + "': EKS DescribeCluster for '" + settings.clusterName()
                    + "' in " + settings.region() + " failed: " + AwsErrors.describe(e)
                    + ". Check clusterName and region, and that " + settings.roleArn().map(r -> "role " + r).orElse("the pod's role")
                    + " may call eks:DescribeCluster on it; or set endpoint and caData.", e);
        }
        URI server = settings.endpoint().orElseGet(() -> serverOf(cluster));
        Optional<byte[]> ca = settings.caPem().or(() -> caOf(cluster));
        return new ClusterEndpoint(server, ca);
    }

    private URI serverOf(Cluster cluster) {
        String endpoint = cluster.endpoint();
        if (endpoint == null || endpoint.isBlank()) {
            throw new ClusterAuthException("cluster '" + name + "': EKS cluster '" + settings.clusterName()
                    + "' has no endpoint yet (status " + cluster.statusAsString() + "); wait until it is ACTIVE");
        }
        try {
            return URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new ClusterAuthException("cluster '" + name + "': EKS returned an endpoint that is not a URL: " + endpoint, e);
        }
    }

    private Optional<byte[]> caOf(Cluster cluster) {
        if (cluster.certificateAuthority() == null || cluster.certificateAuthority().data() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getMimeDecoder().decode(cluster.certificateAuthority().data()));
        } catch (IllegalArgumentException e) {
            throw new ClusterAuthException("cluster '" + name + "': EKS returned certificate authority data that is not base64", e);
        }
    }
}
