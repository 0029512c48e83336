package dev.skiff.auth.eks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.spi.auth.BearerToken;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

class EksTokenPresignerTest {

    static final Instant AT = Instant.parse("2026-03-04T05:06:07Z");
    static final String ACCESS_KEY = "ASIAEXAMPLEKEY123456";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE/session+token==";

    /**
     * The URL inside the token as botocore 1.44.5 presigns it for the same inputs (printed by
     * src/test/python/presign_reference.py). botocore is an implementation independent of the
     * AWS SDK for Java: the signature here is its output, not ours.
     */
    static final String BOTOCORE_URL = "https://sts.eu-west-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15"
            + "&X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=ASIAEXAMPLEKEY123456%2F20260304%2Feu-west-1%2Fsts%2Faws4_request"
            + "&X-Amz-Date=20260304T050607Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host%3Bx-k8s-aws-id"
            + "&X-Amz-Security-Token=IQoJb3JpZ2luX2VjEXAMPLE%2Fsession%2Btoken%3D%3D"
            + "&X-Amz-Signature=4c8ab611345d3eae9b8d7cba104cb5995bcc3746faae89c84ca459990e9e7555";

    /**
     * Our token for those inputs, recorded once after checking that it carries exactly
     * {@link #BOTOCORE_URL}'s parameters and signature (the SDK orders the parameters
     * differently, which the signature does not depend on).
     */
    static final String KNOWN_TOKEN = "k8s-aws-v1.aHR0cHM6Ly9zdHMuZXUtd2VzdC0xLmFtYXpvbmF3cy5jb20vP0FjdGlvbj1HZXRDYWxsZXJJZGVudGl0eSZW"
            + "ZXJzaW9uPTIwMTEtMDYtMTUmWC1BbXotU2VjdXJpdHktVG9rZW49SVFvSmIzSnBaMmx1WDJWakVYQU1QTEUlMkZzZXNzaW9uJTJCdG9rZW4l"
            + "M0QlM0QmWC1BbXotQWxnb3JpdGhtPUFXUzQtSE1BQy1TSEEyNTYmWC1BbXotRGF0ZT0yMDI2MDMwNFQwNTA2MDdaJlgtQW16LVNpZ25lZEhl"
            + "YWRlcnM9aG9zdCUzQngtazhzLWF3cy1pZCZYLUFtei1DcmVkZW50aWFsPUFTSUFFWEFNUExFS0VZMTIzNDU2JTJGMjAyNjAzMDQlMkZldS13"
            + "ZXN0LTElMkZzdHMlMkZhd3M0X3JlcXVlc3QmWC1BbXotRXhwaXJlcz02MCZYLUFtei1TaWduYXR1cmU9NGM4YWI2MTEzNDVkM2VhZTliOGQ3"
            + "Y2JhMTA0Y2I1OTk1YmNjMzc0NmZhYWU4OWM4NGNhNDU5OTkwZTllNzU1NQ";

    static AwsSessionCredentialsIdentity credentials() {
        return AwsSessionCredentialsIdentity.builder().accessKeyId(ACCESS_KEY).secretAccessKey(SECRET_KEY)
                .sessionToken(SESSION_TOKEN).build();
    }

    static EksTokenPresigner presigner(Instant at) {
        return new EksTokenPresigner("spoke-1", "eu-west-1", "sts.eu-west-1.amazonaws.com", Clock.fixed(at, ZoneOffset.UTC));
    }

    @Test
    void tokenForFixedCredentialsAndTimeIsTheKnownAnswer() {
        assertThat(presigner(AT).presign(credentials()).value()).isEqualTo(KNOWN_TOKEN);
    }

    @Test
    void tokenCarriesExactlyTheParametersAndSignatureBotocoreComputes() {
        URI ours = URI.create(decode(presigner(AT).presign(credentials()).value()));
        URI botocore = URI.create(BOTOCORE_URL);

        assertThat(ours.getScheme()).isEqualTo("https");
        assertThat(ours.getHost()).isEqualTo(botocore.getHost());
        assertThat(ours.getRawPath()).isEqualTo("/");
        assertThat(queryOf(ours)).isEqualTo(queryOf(botocore));
    }

    @Test
    void urlInsideTheTokenIsPercentEncodedExactlyOnce() {
        String url = decode(presigner(AT).presign(credentials()).value());

        assertThat(url).contains("X-Amz-Security-Token=IQoJb3JpZ2luX2VjEXAMPLE%2Fsession%2Btoken%3D%3D")
                .doesNotContain("%25");
    }

    @Test
    void tokenIsUnpaddedBase64UrlOfTheUrl() {
        String body = presigner(AT).presign(credentials()).value().substring(EksTokenPresigner.PREFIX.length());

        assertThat(body).doesNotContain("=", "+", "/");
    }

    @Test
    void tokenExpiresFifteenMinutesAfterSigning() {
        BearerToken token = presigner(AT).presign(credentials());

        assertThat(token.expiresAt()).contains(AT.plusSeconds(15 * 60));
    }

    @Test
    void tokenNeverOutlivesTheCredentialsThatSignedIt() {
        Instant credentialsEnd = AT.plusSeconds(5 * 60);
        var credentials = AwsSessionCredentials.builder().accessKeyId(ACCESS_KEY).secretAccessKey(SECRET_KEY)
                .sessionToken(SESSION_TOKEN).expirationTime(credentialsEnd).build();

        assertThat(presigner(AT).presign(credentials).expiresAt()).contains(credentialsEnd);
    }

    @Test
    void credentialsThatOutliveTheTokenDoNotExtendIt() {
        var credentials = AwsSessionCredentials.builder()
                .accessKeyId(ACCESS_KEY).secretAccessKey(SECRET_KEY).sessionToken(SESSION_TOKEN)
                .expirationTime(AT.plusSeconds(3600)).build();

        assertThat(presigner(AT).presign(credentials).expiresAt()).contains(AT.plusSeconds(15 * 60));
    }

    @Test
    void clusterNameIsTheSignedIdHeaderNotAQueryParameter() {
        Map<String, String> query = queryOf(URI.create(decode(presigner(AT).presign(credentials()).value())));

        assertThat(query).containsEntry("X-Amz-SignedHeaders", "host;x-k8s-aws-id").doesNotContainKey("x-k8s-aws-id");
    }

    static String decode(String token) {
        assertThat(token).startsWith(EksTokenPresigner.PREFIX);
        byte[] url = Base64.getUrlDecoder().decode(token.substring(EksTokenPresigner.PREFIX.length()));
        return new String(url, StandardCharsets.UTF_8);
    }

    static Map<String, String> queryOf(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> URLDecoder.decode(kv[1], StandardCharsets.UTF_8),
                        (a, b) -> { throw new AssertionError("duplicate parameter"); }, TreeMap::new));
    }
}
