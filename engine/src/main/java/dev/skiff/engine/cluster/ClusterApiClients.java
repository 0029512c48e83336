package dev.skiff.engine.cluster;

import dev.skiff.spi.auth.ClientCertificate;
import dev.skiff.spi.auth.ClusterAuthException;
import dev.skiff.spi.auth.ClusterCredentials;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.SSLUtils;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;

/**
 * Builds official-client {@link ApiClient}s from SPI credentials: server, CA bundle (or the
 * JDK's trust store), client certificate, and a bearer token set per request that is refreshed
 * once and retried once after a 401. The one place the engine and the controller get their
 * clients from. Credentials over plain http exist only with the test flag
 * ({@link ClusterCredentials#insecureSendCredentialsOverHttp()}); each client made so logs a warning,
 * and the token is still never put on a request that is not https unless that flag is set.
 */
public final class ClusterApiClients {

    private static final System.Logger LOG = System.getLogger(ClusterApiClients.class.getName());

    private ClusterApiClients() {
    }

    public static ApiClient create(ClusterCredentials credentials) {
        if (credentials.plainHttp() && credentials.insecureSendCredentialsOverHttp()) {
            var server = credentials.server();
            LOG.log(System.Logger.Level.WARNING, "credentials for " + server.getHost()
                    + (server.getPort() < 0 ? "" : ":" + server.getPort()) + " go over plain http, unencrypted ("
                    + ClusterCredentials.INSECURE_HTTP_KEY + ": true is for test clusters only)");
        }
        ApiClient client = new ApiClient();
        client.setBasePath(stripTrailingSlash(credentials.server().toString()));
        // Each setter below re-applies all TLS settings and reads the CA stream again, so the CA,
        // whose stream can be read once, comes last.
        credentials.clientCertificate().ifPresent(cert -> client.setKeyManagers(keyManagers(cert)));
        client.setVerifyingSsl(!credentials.insecureSkipTlsVerify());
        credentials.caBundle().ifPresent(ca -> client.setSslCaCert(new ByteArrayInputStream(ca)));
        credentials.token().ifPresent(tokens -> client.setHttpClient(client.getHttpClient().newBuilder()
                .addInterceptor(new BearerTokenInterceptor(tokens, credentials.insecureSendCredentialsOverHttp())).build()));
        return client;
    }

    private static javax.net.ssl.KeyManager[] keyManagers(ClientCertificate cert) {
        byte[] key = cert.privateKeyPem();
        try {
            return SSLUtils.keyManagers(cert.certificatePem(), key, SSLUtils.recognizePrivateKeyAlgo(key), "",
                    null, null);
        } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
            throw new ClusterAuthException("the client certificate or key cannot be used ("
                    + e.getClass().getSimpleName() + "); check that both are PEM and belong together");
        }
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
