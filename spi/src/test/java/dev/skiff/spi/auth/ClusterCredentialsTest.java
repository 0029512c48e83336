package dev.skiff.spi.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules every {@link ClusterCredentials} keeps, whichever plugin made it. */
class ClusterCredentialsTest {

    private static final TokenSource TOKENS = new TokenSource() {
        @Override
        public BearerToken token() {
            return new BearerToken("t0ps3cret", Optional.empty());
        }

        @Override
        public BearerToken refresh() {
            return token();
        }
    };

    private static ClusterCredentials withToken(String server, boolean insecureHttp) {
        return new ClusterCredentials(URI.create(server), Optional.empty(), Optional.of(TOKENS), Optional.empty(),
                false, insecureHttp);
    }

    @Test
    void aTokenForAPlainHttpServerIsRefusedSayingWhyAndWhatToDo() {
        assertThatThrownBy(() -> withToken("http://10.0.0.1:8080", false))
                .isInstanceOf(ClusterAuthException.class)
                .hasMessage("the API server URL is plain http, which would send the bearer token unencrypted; use"
                        + " https (for a test cluster only: insecureSendCredentialsOverHttp: true)");
        assertThatThrownBy(() -> new ClusterCredentials(URI.create("HTTP://10.0.0.1"), Optional.empty(),
                Optional.of(TOKENS), Optional.empty(), false)).isInstanceOf(ClusterAuthException.class);
    }

    @Test
    void aClientCertificateForAPlainHttpServerIsRefused() {
        var cert = new ClientCertificate("cert".getBytes(StandardCharsets.US_ASCII),
                "key".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> new ClusterCredentials(URI.create("http://10.0.0.1"), Optional.empty(),
                Optional.empty(), Optional.of(cert), false))
                .hasMessageContaining("plain http, where a client certificate cannot be used");
    }

    @Test
    void plainHttpIsAllowedWithTheTestFlagOrWithoutCredentials() {
        assertThat(withToken("http://127.0.0.1:8080", true).plainHttp()).isTrue();
        assertThat(new ClusterCredentials(URI.create("http://127.0.0.1:8080"), Optional.empty(), Optional.empty(),
                Optional.empty(), false).plainHttp()).isTrue();
        assertThat(withToken("https://10.0.0.1:6443", false).plainHttp()).isFalse();
    }

    @Test
    void userInformationInTheServerUrlIsRefusedWithoutQuotingIt() {
        for (String server : new String[] {"https://admin:t0ps3cret@10.0.0.1:6443", "https://t0ps3cret@example.com",
            "https://a:t0ps3cret@under_score:6443"}) {
            assertThatThrownBy(() -> withToken(server, false)).as(server)
                    .isInstanceOf(ClusterAuthException.class)
                    .hasMessageContaining("must not hold user information")
                    .message().doesNotContain("t0ps3cret");
        }
    }

    @Test
    void otherSchemesMissingHostsQueriesAndFragmentsAreRefusedWithoutQuotingTheUrl() {
        assertThatThrownBy(() -> withToken("ftp://10.0.0.1/t0ps3cret", false)).hasMessage(
                "the API server URL must start with https://");
        assertThatThrownBy(() -> withToken("https:///t0ps3cret", false)).hasMessageContaining("has no host");
        assertThatThrownBy(() -> withToken("https://h/?token=t0ps3cret", false)).hasMessageContaining("query")
                .message().doesNotContain("t0ps3cret");
        assertThatThrownBy(() -> withToken("https://h/#t0ps3cret", false)).hasMessageContaining("fragment");
    }

    @Test
    void toStringShowsNeitherPathNorSecrets() {
        String text = withToken("http://127.0.0.1:8080/t0ps3cret", true).toString();
        assertThat(text).isEqualTo("ClusterCredentials[server=http://127.0.0.1:8080, token=true,"
                + " clientCertificate=false, insecureSendCredentialsOverHttp]");
    }
}
