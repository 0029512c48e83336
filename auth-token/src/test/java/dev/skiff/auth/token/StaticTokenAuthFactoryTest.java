package dev.skiff.auth.token;

import static dev.skiff.auth.token.TestingAuthContext.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.spi.auth.ClusterAuthException;
import dev.skiff.spi.auth.ClusterCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticTokenAuthFactoryTest {

    private static final String TOKEN = "tok-7f3a9c-secret";

    @TempDir
    Path dir;

    private TestingAuthContext context() {
        return new TestingAuthContext(dir);
    }

    @Test
    void usesAnInlineTokenAndTheGivenServer() {
        ClusterCredentials creds = new StaticTokenAuthFactory()
                .create(config("hub", "server", "https://127.0.0.1:6443", "token", TOKEN), context()).credentials();
        assertThat(creds.server()).hasToString("https://127.0.0.1:6443");
        assertThat(creds.token().orElseThrow().token().value()).isEqualTo(TOKEN);
        assertThat(creds.caBundle()).isEmpty();
        assertThat(creds.insecureSkipTlsVerify()).isFalse();
        assertThat(creds.toString()).doesNotContain(TOKEN);
    }

    @Test
    void readsTheTokenFileRelativeToTheConfigDirectoryAndTheCaFromData() throws IOException {
        Files.writeString(dir.resolve("hub.token"), TOKEN + "\n");
        String ca = Base64.getEncoder().encodeToString("-----BEGIN CERTIFICATE-----".getBytes());
        ClusterCredentials creds = new StaticTokenAuthFactory().create(config("hub", "server", "https://h:1",
                "tokenFile", "hub.token", "caData", ca, "insecureSkipTlsVerify", true), context()).credentials();
        assertThat(creds.token().orElseThrow().token().value()).isEqualTo(TOKEN);
        assertThat(new String(creds.caBundle().orElseThrow(), StandardCharsets.US_ASCII))
                .isEqualTo("-----BEGIN CERTIFICATE-----");
        assertThat(creds.insecureSkipTlsVerify()).isTrue();
    }

    @Test
    void readsATokenSecretAndRereadsItOnRefresh() {
        TestingAuthContext context = context();
        context.secrets.put("skiff/spoke", Map.of("token", (TOKEN + "\n").getBytes()));
        var tokens = new StaticTokenAuthFactory().create(config("spoke", "server", "https://h:1",
                "tokenSecret", Map.of("namespace", "skiff", "name", "spoke", "key", "token")), context)
                .credentials().token().orElseThrow();
        assertThat(tokens.token().value()).isEqualTo(TOKEN);
        context.secrets.put("skiff/spoke", Map.of("token", "rotated".getBytes()));
        assertThat(tokens.token().value()).isEqualTo(TOKEN);
        assertThat(tokens.refresh().value()).isEqualTo("rotated");
    }

    @Test
    void aMissingSecretKeyIsNamedWithTheKeysThatExist() {
        TestingAuthContext context = context();
        context.secrets.put("skiff/spoke", Map.of("other", TOKEN.getBytes()));
        var tokens = new StaticTokenAuthFactory().create(config("spoke", "server", "https://h:1",
                "tokenSecret", Map.of("namespace", "skiff", "name", "spoke", "key", "token")), context)
                .credentials().token().orElseThrow();
        assertThatThrownBy(tokens::token).isInstanceOf(ClusterAuthException.class)
                .hasMessageContaining("skiff/spoke has no key 'token'").hasMessageContaining("[other]")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void twoTokenSourcesAreRejectedWithoutQuotingEither() {
        assertThatThrownBy(() -> new StaticTokenAuthFactory().create(config("hub", "server", "https://h:1",
                "token", TOKEN, "tokenFile", "x"), context()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cluster 'hub'").hasMessageContaining("[token, tokenFile]")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void aMissingServerIsNamed() {
        assertThatThrownBy(() -> new StaticTokenAuthFactory().create(config("hub", "token", TOKEN), context()))
                .hasMessage("cluster 'hub': auth key 'server' is required: the API server's URL");
    }

    @Test
    void aServerThatIsNotAnHttpsUrlIsRejected() {
        assertThatThrownBy(() -> new StaticTokenAuthFactory().create(
                config("hub", "server", "127.0.0.1:6443", "token", TOKEN), context()))
                .hasMessage("cluster 'hub': auth key 'server' is not a valid URL (bad character at position 1): give"
                        + " an https URL with a host, such as https://10.0.0.1:6443");
    }

    @Test
    void aPlainHttpServerIsRefusedBecauseTheTokenWouldTravelUnencrypted() {
        assertThatThrownBy(() -> new StaticTokenAuthFactory().create(
                config("hub", "server", "http://127.0.0.1:8080", "token", TOKEN), context()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cluster 'hub': auth key 'server' is plain http, which would send the credentials"
                        + " unencrypted; use https (for a test cluster only: auth key insecureSendCredentialsOverHttp:"
                        + " true)");
    }

    @Test
    void thePlainHttpTestFlagLetsTheServerBeHttpAndTravelsWithTheCredentials() {
        ClusterCredentials creds = new StaticTokenAuthFactory().create(config("hub", "server",
                "http://127.0.0.1:8080", "token", TOKEN, "insecureSendCredentialsOverHttp", true), context())
                .credentials();
        assertThat(creds.plainHttp()).isTrue();
        assertThat(creds.insecureSendCredentialsOverHttp()).isTrue();
    }

    @Test
    void userInformationInTheServerUrlIsRefusedWithoutQuotingIt() {
        for (String server : new String[] {"https://admin:" + TOKEN + "@127.0.0.1:6443", "https://" + TOKEN + "@h",
            "https://x:" + TOKEN + "@bad_host:1", "https://h:1/?token=" + TOKEN, "https://h:1/ " + TOKEN,
            "ftp://" + TOKEN + "@h"}) {
            assertThatThrownBy(() -> new StaticTokenAuthFactory().create(
                    config("hub", "server", server, "token", "t"), context())).as(server)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("cluster 'hub': auth key 'server' ")
                    .hasMessageNotContaining(TOKEN).hasMessageNotContaining("admin");
        }
        assertThatThrownBy(() -> new StaticTokenAuthFactory().create(config("hub", "server",
                "https://admin:" + TOKEN + "@127.0.0.1:6443", "token", "t"), context()))
                .hasMessageContaining("must not hold user information");
    }

    @Test
    void saysWhichKeysGiveTheCa() {
        var provider = new StaticTokenAuthFactory().create(config("hub", "server", "https://h:1", "token", TOKEN),
                context());
        assertThat(provider.caHint()).contains("caFile").contains("caData");
    }

    @Test
    void aTokenThatIsNotAStringIsRejectedWithoutQuotingIt() {
        assertThatThrownBy(() -> new StaticTokenAuthFactory().create(
                config("hub", "server", "https://h:1", "token", 12345678), context()))
                .hasMessage("cluster 'hub': auth key 'token' must be a string");
    }
}
