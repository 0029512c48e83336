package dev.skiff.engine.plugin;

import dev.skiff.spi.auth.AuthContext;
import dev.skiff.spi.auth.BearerToken;
import dev.skiff.spi.auth.ClusterAuthConfig;
import dev.skiff.spi.auth.ClusterAuthProvider;
import dev.skiff.spi.auth.ClusterAuthProviderFactory;
import dev.skiff.spi.auth.ClusterCredentials;
import dev.skiff.spi.auth.TokenSource;
import java.util.Optional;

/**
 * A plugin's auth factory seen through its {@link PluginGuard}: so are the providers it creates
 * and their token sources. Name and keys are read once, when the plugin loads.
 */
final class GuardedAuthFactory extends GuardedFactory implements ClusterAuthProviderFactory {

    private final ClusterAuthProviderFactory factory;

    GuardedAuthFactory(ClusterAuthProviderFactory factory, PluginGuard guard) {
        super(guard, factory::name, factory::configKeys);
        this.factory = factory;
    }

    @Override
    public ClusterAuthProvider create(ClusterAuthConfig config, AuthContext context) {
        ClusterAuthProvider provider = guard.call(() -> factory.create(config, context));
        return new ClusterAuthProvider() {
            @Override
            public ClusterCredentials credentials() {
                ClusterCredentials c = guard.call(provider::credentials);
                return new ClusterCredentials(c.server(), c.caBundle(), c.token().map(this::guarded),
                        c.clientCertificate(), c.insecureSkipTlsVerify(), c.insecureSendCredentialsOverHttp());
            }

            @Override
            public String caHint() {
                return guard.call(provider::caHint);
            }

            @Override
            public Optional<TokenSource> tokens() {
                return guard.call(provider::tokens).map(this::guarded);
            }

            private TokenSource guarded(TokenSource tokens) {
                return new TokenSource() {
                    @Override
                    public BearerToken token() {
                        return guard.call(tokens::token);
                    }

                    @Override
                    public BearerToken refresh() {
                        return guard.call(tokens::refresh);
                    }
                };
            }

            @Override
            public void close() {
                guard.run(provider::close);
            }
        };
    }

    @Override
    public String toString() {
        return "auth provider '" + name() + "' of plugin " + guard.pluginName();
    }
}
