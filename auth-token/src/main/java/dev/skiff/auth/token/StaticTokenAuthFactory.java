package dev.skiff.auth.token;

import dev.skiff.spi.auth.AuthContext;
import dev.skiff.spi.auth.BearerToken;
import dev.skiff.spi.auth.ClusterAuthConfig;
import dev.skiff.spi.auth.ClusterAuthProvider;
import dev.skiff.spi.auth.ClusterAuthProviderFactory;
import dev.skiff.spi.auth.ClusterAuthException;
import dev.skiff.spi.auth.ClusterCredentials;
import dev.skiff.spi.auth.TokenSource;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * {@code auth: {type: token}}: a fixed API server and a bearer token given inline
 * ({@code token}), in a file ({@code tokenFile}, re-read when it changes) or in a secret of the
 * controller's cluster ({@code tokenSecret: {namespace, name, key}}, re-read after a 401).
 */
public final class StaticTokenAuthFactory implements ClusterAuthProviderFactory {

    public static final String NAME = "token";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> configKeys() {
        return Set.of("server", "token", "tokenFile", "tokenSecret", "caFile", "caData", "insecureSkipTlsVerify",
                ClusterCredentials.INSECURE_HTTP_KEY);
    }

    @Override
    public ClusterAuthProvider create(ClusterAuthConfig config, AuthContext context) {
        AuthSettings settings = new AuthSettings(config, context);
        boolean plainHttp = settings.flag(ClusterCredentials.INSECURE_HTTP_KEY);
        var server = ServerAddress.parse(settings.requiredString("server", "the API server's URL"),
                "cluster '" + config.clusterName() + "': auth key 'server'", plainHttp);
        TokenSource tokens = tokenSource(settings);
        return new FixedCredentials(new ClusterCredentials(server, CaBundle.fromSettings(settings),
                Optional.of(tokens), Optional.empty(), settings.flag("insecureSkipTlsVerify"), plainHttp),
                "set auth key caFile (a PEM file) or caData (base64 of the PEM) to the API server's CA certificate");
    }

    private static TokenSource tokenSource(AuthSettings settings) {
        AuthContext context = settings.context();
        return switch (settings.exactlyOne("token", "tokenFile", "tokenSecret")) {
            case "token" -> {
                BearerToken token = new BearerToken(settings.requiredString("token", "the token"), Optional.empty());
                yield new RefreshingTokenSource(() -> token, context.clock());
            }
            case "tokenFile" -> new TokenFileSource(settings.path("tokenFile").orElseThrow());
            default -> {
                SecretReference ref = SecretReference.of(settings.clusterName(), "tokenSecret",
                        settings.map("tokenSecret").orElseThrow());
                yield new RefreshingTokenSource(() -> fromSecret(ref, context), context.clock());
            }
        };
    }

    private static BearerToken fromSecret(SecretReference ref, AuthContext context) {
        String value = new String(ref.read(context.secrets()), StandardCharsets.UTF_8).strip();
        if (value.isEmpty()) {
            throw new ClusterAuthException("secret " + ref + " holds an empty token");
        }
        return new BearerToken(value, JwtExpiry.of(value));
    }
}
