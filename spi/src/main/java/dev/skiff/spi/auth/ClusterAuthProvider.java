package dev.skiff.spi.auth;

import dev.skiff.spi.Stability;
import java.util.Optional;

/** Credentials of one configured cluster. Thread-safe. */
@Stability(Stability.Level.EXPERIMENTAL)
public interface ClusterAuthProvider extends AutoCloseable {

    /** How to reach the cluster; throws {@link ClusterAuthException} when that cannot be known. */
    ClusterCredentials credentials();

    /**
     * The cluster's bearer tokens alone, without finding out where the cluster is: what an
     * exec credential plugin prints ({@code skiff auth eks-token}). Empty when the cluster takes
     * no tokens. Providers that need a remote call to learn the server (EKS DescribeCluster)
     * override this to skip it.
     */
    default Optional<TokenSource> tokens() {
        return credentials().token();
    }

    /**
     * Where this cluster's CA certificate comes from and which setting changes it, as one
     * sentence for the message shown when the API server's certificate is not trusted (such as
     * "set auth key caFile or caData to the API server's CA certificate"). Holds no secret.
     */
    default String caHint() {
        return "give the API server's CA certificate in the cluster's auth settings";
    }

    /** Releases what the provider holds (HTTP clients, file watches). */
    @Override
    default void close() {
    }
}
