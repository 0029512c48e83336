package dev.skiff.executor.pod.kube;

import dev.skiff.spi.auth.ClientCertificate;
import dev.skiff.spi.auth.ClusterCredentials;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.SSLUtils;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;

/**
 * Builds an official-client {@link ApiClient} from SPI credentials: server, CA bundle (or the JDK trust store),
 * client certificate, and a bearer token refreshed once after a 401. Requests time out after a minute; watches
 * use a copy of the HTTP client without read timeout ({@link KubeApi}).
 */
public final class ClusterClients {

    private ClusterClients() {
    }

    public static ApiClient create(ClusterCredentials credentials) {
        ApiClient client = new ApiClient();
        String server = credentials.server().toString();
        client.setBasePath(server.endsWith("/") ? server.substring(0, server.length() - 1) : server);
        // each TLS setter re-reads the CA stream, which can be read once: the CA comes last
        credentials.clientCertificate().ifPresent(cert -> client.setKeyManagers(keyManagers(cert)));
        client.setVerifyingSsl(!credentials.insecureSkipTlsVerify());
        credentials.caBundle().ifPresent(ca -> client.setSslCaCert(new ByteArrayInputStream(ca)));
        var builder = client.getHttpClient().newBuilder().readTimeout(60, TimeUnit.SECONDS)
                .connectTimeout(10, TimeUnit.SECONDS);
        credentials.token().ifPresent(tokens -> builder.addInterceptor(new BearerTokens(tokens)));
        client.setHttpClient(builder.build());
        return client;
    }

    private static javax.net.ssl.KeyManager[] keyManagers(ClientCertificate cert) {
        byte[] key = cert.privateKeyPem();
        try {
            return SSLUtils.keyManagers(cert.certificatePem(), key, SSLUtils.recognizePrivateKeyAlgo(key), "",
                    null, null);
        } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
            throw new IllegalArgumentException("the client certificate or key cannot be used ("
                    + e.getClass().getSimpleName() + "); check that both are PEM and belong together");
        }
    }
}
