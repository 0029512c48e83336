package dev.skiff.spi.auth;

import dev.skiff.spi.Stability;
import java.util.Set;

/**
 * A named kind of cluster authentication ({@code token}, {@code kubeconfig}, {@code in-cluster},
 * {@code eks}), found with {@link java.util.ServiceLoader}; config picks it with
 * {@code auth: {type: <name>}}.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public interface ClusterAuthProviderFactory {

    /** The name config uses to pick this provider. */
    String name();

    /** The keys this provider accepts under {@code auth:} besides {@code type}. */
    Set<String> configKeys();

    /**
     * Creates the provider for one cluster; throws {@link ClusterAuthException} or
     * {@link IllegalArgumentException} for bad settings, naming the key.
     */
    ClusterAuthProvider create(ClusterAuthConfig config, AuthContext context);
}
