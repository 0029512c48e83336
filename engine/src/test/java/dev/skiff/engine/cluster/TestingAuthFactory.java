package dev.skiff.engine.cluster;

import dev.skiff.spi.auth.AuthContext;
import dev.skiff.spi.auth.BearerToken;
import dev.skiff.spi.auth.ClusterAuthConfig;
import dev.skiff.spi.auth.ClusterAuthException;
import dev.skiff.spi.auth.ClusterAuthProvider;
import dev.skiff.spi.auth.ClusterAuthProviderFactory;
import dev.skiff.spi.auth.ClusterCredentials;
import dev.skiff.spi.auth.TokenSource;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An auth provider for registry tests: server from {@code server} (or https://CONTEXT.example),
 * a fixed token, and a failure when {@code fail} is set or the context is called "bad".
 * Records the settings it was given.
 */
class TestingAuthFactory implements ClusterAuthProviderFactory {

    private final String name;
    final Map<String, Map<String, Object>> seen = new java.util.HashMap<>();

    TestingAuthFactory(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> configKeys() {
        return Set.of("server", "token", "fail", "secret", "context");
    }

    @Override
    public ClusterAuthProvider create(ClusterAuthConfig config, AuthContext context) {
        seen.put(config.clusterName(), config.settings());
        if (config.settings().containsKey("fail") || "bad".equals(config.settings().get("context"))) {
            throw new ClusterAuthException("cluster '" + config.clusterName() + "': cannot authenticate (testing)");
        }
        String server = (String) config.settings().getOrDefault("server",
                "https://" + config.settings().get("context") + ".example:6443");
        String token = (String) config.settings().getOrDefault("token", "testing-token");
        TokenSource tokens = new TokenSource() {
            public BearerToken token() {
                return new BearerToken(token, Optional.empty());
            }

            public BearerToken refresh() {
                return token();
            }
        };
        var credentials = new ClusterCredentials(URI.create(server), Optional.empty(), Optional.of(tokens),
                Optional.empty(), false);
        return () -> credentials;
    }
}
