package dev.skiff.auth.token;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.spi.auth.AuthContext;
import dev.skiff.spi.auth.BearerToken;
import dev.skiff.spi.auth.ClientCertificate;
import dev.skiff.spi.auth.ClusterAuthException;
import dev.skiff.spi.auth.ClusterCredentials;
import dev.skiff.spi.auth.TokenSource;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** Turns one kubeconfig context into cluster credentials. */
final class KubeconfigCredentials {

    private KubeconfigCredentials() {
    }

    static ClusterCredentials of(Kubeconfig kubeconfig, String contextName, AuthContext context,
            boolean allowPlainHttp) {
        Kubeconfig.Context ctx = kubeconfig.context(contextName);
        String where = "kubeconfig " + kubeconfig.source() + ": context '" + contextName + "'";
        JsonNode cluster = ctx.cluster();
        URI server = ServerAddress.parse(Kubeconfig.text(cluster.path("server")).orElseThrow(
                () -> new ClusterAuthException(where + ": its cluster has no server")), where + ": cluster server",
                allowPlainHttp);
        Optional<byte[]> ca = pem(kubeconfig, cluster, "certificate-authority", where + ": cluster");
        boolean insecure = cluster.path("insecure-skip-tls-verify").asBoolean(false);
        JsonNode user = ctx.user();
        for (String unsupported : List.of("username", "password", "auth-provider", "as", "as-uid")) {
            if (user.has(unsupported)) {
                throw new ClusterAuthException(where + ": user field '" + unsupported + "' is not supported;"
                        + " use a token, tokenFile, client certificate or exec plugin");
            }
        }
        Optional<TokenSource> tokens = tokenSource(kubeconfig, ctx, user, context, where);
        Optional<ClientCertificate> certificate = clientCertificate(kubeconfig, user, where);
        if (tokens.isEmpty() && certificate.isEmpty()) {
            throw new ClusterAuthException(where + ": its user has no credentials (token, tokenFile,"
                    + " client-certificate with client-key, or exec)");
        }
        return new ClusterCredentials(server, ca, tokens, certificate, insecure, allowPlainHttp);
    }

    private static Optional<TokenSource> tokenSource(Kubeconfig kubeconfig, Kubeconfig.Context ctx, JsonNode user,
            AuthContext context, String where) {
        Optional<String> token = Kubeconfig.text(user.path("token"));
        if (token.isPresent()) {
            BearerToken fixed = new BearerToken(token.get(), Optional.empty());
            return Optional.of(new RefreshingTokenSource(() -> fixed, context.clock()));
        }
        Optional<String> tokenFile = Kubeconfig.text(user.path("tokenFile"));
        if (tokenFile.isPresent()) {
            return Optional.of(new TokenFileSource(kubeconfig.resolve(tokenFile.get())));
        }
        if (user.has("exec") && !user.get("exec").isNull()) {
            ExecCredentialPlugin exec = ExecCredentialPlugin.of(kubeconfig, ctx, user.get("exec"));
            return Optional.of(new RefreshingTokenSource(() -> exec.fetch(context.environment()), context.clock()));
        }
        return Optional.empty();
    }

    private static Optional<ClientCertificate> clientCertificate(Kubeconfig kubeconfig, JsonNode user, String where) {
        Optional<byte[]> cert = pem(kubeconfig, user, "client-certificate", where + ": user");
        Optional<byte[]> key = pem(kubeconfig, user, "client-key", where + ": user");
        if (cert.isPresent() != key.isPresent()) {
            throw new ClusterAuthException(where + ": its user has a client "
                    + (cert.isPresent() ? "certificate but no key" : "key but no certificate"));
        }
        return cert.map(c -> new ClientCertificate(c, key.get()));
    }

    /** {@code <field>-data} (base64 PEM) or {@code <field>} (a file path). */
    private static Optional<byte[]> pem(Kubeconfig kubeconfig, JsonNode node, String field, String where) {
        Optional<String> data = Kubeconfig.text(node.path(field + "-data"));
        if (data.isPresent()) {
            return Optional.of(CaBundle.base64(data.get(), where + " field '" + field + "-data'"));
        }
        return Kubeconfig.text(node.path(field)).map(path -> CaBundle.file(kubeconfig.resolve(path), field));
    }
}
