package dev.skiff.auth.eks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.spi.auth.ClusterAuthConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EksAuthSettingsTest {

    static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    static EksAuthSettings parse(Map<String, Object> settings) {
        return EksAuthSettings.parse(new ClusterAuthConfig("spoke", settings));
    }

    static Map<String, Object> minimal() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("clusterName", "spoke-1");
        settings.put("region", "eu-west-1");
        return settings;
    }

    @Test
    void minimalSettingsUseTheChainWithoutRoleAndAskEksForTheEndpoint() {
        EksAuthSettings settings = parse(minimal());

        assertThat(settings.clusterName()).isEqualTo("spoke-1");
        assertThat(settings.region()).isEqualTo("eu-west-1");
        assertThat(settings.roleArn()).isEmpty();
        assertThat(settings.endpoint()).isEmpty();
        assertThat(settings.caPem()).isEmpty();
        assertThat(settings.fips()).isFalse();
    }

    @Test
    void everyKeyIsRead() {
        Map<String, Object> all = minimal();
        all.put("roleArn", "arn:aws:iam::222233334444:role/skiff-spoke");
        all.put("externalId", "ext-123");
        all.put("sessionName", "skiff-hub");
        all.put("endpoint", "https://ABC.gr7.eu-west-1.eks.amazonaws.com");
        all.put("caData", Base64.getEncoder().encodeToString(PEM.getBytes(StandardCharsets.US_ASCII)));
        all.put("stsEndpoint", "http://127.0.0.1:4566");
        all.put("eksEndpoint", "https://eks.internal.example");
        all.put("fips", "true");
        all.put("insecureSendCredentialsOverHttp", false);

        EksAuthSettings settings = parse(all);

        assertThat(settings.roleArn()).contains("arn:aws:iam::222233334444:role/skiff-spoke");
        assertThat(settings.externalId()).contains("ext-123");
        assertThat(settings.sessionName()).isEqualTo("skiff-hub");
        assertThat(settings.endpoint()).contains(URI.create("https://ABC.gr7.eu-west-1.eks.amazonaws.com"));
        assertThat(new String(settings.caPem().orElseThrow(), StandardCharsets.US_ASCII)).isEqualTo(PEM);
        assertThat(settings.stsEndpoint()).contains(URI.create("http://127.0.0.1:4566"));
        assertThat(settings.eksEndpoint()).contains(URI.create("https://eks.internal.example"));
        assertThat(settings.fips()).isTrue();
        assertThat(EksAuthSettings.KEYS).containsExactlyInAnyOrderElementsOf(all.keySet());
    }

    @Test
    void sessionNameDefaultsToSkiffWhenARoleIsAssumed() {
        Map<String, Object> settings = minimal();
        settings.put("roleArn", "arn:aws-cn:iam::222233334444:role/path/skiff-spoke");

        assertThat(parse(settings).sessionName()).isEqualTo("skiff");
    }

    @Test
    void unknownKeyIsRejectedWithTheKnownOnes() {
        Map<String, Object> settings = minimal();
        settings.put("role", "x");

        assertThatThrownBy(() -> parse(settings)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cluster 'spoke'").hasMessageContaining("'role'").hasMessageContaining("roleArn");
    }

    @Test
    void missingClusterNameOrRegionIsNamed() {
        Map<String, Object> noName = minimal();
        noName.remove("clusterName");
        Map<String, Object> noRegion = minimal();
        noRegion.remove("region");

        assertThatThrownBy(() -> parse(noName)).hasMessageContaining("'clusterName' is required");
        assertThatThrownBy(() -> parse(noRegion)).hasMessageContaining("'region' is required");
    }

    @Test
    void malformedValuesAreNamedWithWhatIsExpected() {
        assertThatThrownBy(() -> parse(with("region", "Europe"))).hasMessageContaining("'region'").hasMessageContaining("eu-west-1");
        assertThatThrownBy(() -> parse(with("roleArn", "skiff-spoke"))).hasMessageContaining("'roleArn'").hasMessageContaining("arn:aws:iam::");
        assertThatThrownBy(() -> parse(with("endpoint", "http://plain.example"))).hasMessageContaining("'endpoint'").hasMessageContaining("https");
        assertThatThrownBy(() -> parse(with("caData", "not base64 !"))).hasMessageContaining("'caData'").hasMessageContaining("base64");
        assertThatThrownBy(() -> parse(with("caData", Base64.getEncoder().encodeToString("hello".getBytes()))))
                .hasMessageContaining("'caData'").hasMessageContaining("PEM");
        assertThatThrownBy(() -> parse(with("fips", "yes"))).hasMessageContaining("'fips'");
        assertThatThrownBy(() -> parse(with("clusterName", 42))).hasMessageContaining("'clusterName' must be a string");
    }

    @Test
    void aPlainHttpEndpointIsRefusedUnlessTheTestFlagIsSet() {
        assertThatThrownBy(() -> parse(with("endpoint", "http://127.0.0.1:8080")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cluster 'spoke', auth type eks: key 'endpoint' is plain http, which would send the bearer"
                        + " token unencrypted; use https (for a test cluster only: insecureSendCredentialsOverHttp: true)");
        Map<String, Object> flagged = with("endpoint", "http://127.0.0.1:8080");
        flagged.put("insecureSendCredentialsOverHttp", true);
        assertThat(parse(flagged).endpoint()).contains(URI.create("http://127.0.0.1:8080"));
        assertThat(parse(flagged).insecureSendCredentialsOverHttp()).isTrue();
    }

    @Test
    void awsEndpointsMayBePlainHttpOnlyToALoopbackAddress() {
        for (String local : new String[] {"http://127.0.0.1:4566", "http://localhost:4566", "http://[::1]:4566"}) {
            assertThat(parse(with("stsEndpoint", local)).stsEndpoint()).contains(URI.create(local));
            assertThat(parse(with("eksEndpoint", local)).eksEndpoint()).contains(URI.create(local));
        }
        assertThatThrownBy(() -> parse(with("stsEndpoint", "http://sts.internal.example")))
                .hasMessageContaining("key 'stsEndpoint' is plain http, so AWS's answers (credentials, the cluster's CA)"
                        + " would travel unprotected").hasMessageContaining("loopback");
        assertThatThrownBy(() -> parse(with("eksEndpoint", "http://10.0.0.1"))).hasMessageContaining("'eksEndpoint'");
        Map<String, Object> flagged = with("stsEndpoint", "http://sts.internal.example");
        flagged.put("insecureSendCredentialsOverHttp", "true");
        assertThat(parse(flagged).stsEndpoint()).isPresent();
    }

    @Test
    void urlsWithUserInformationOrThatDoNotParseAreRefusedWithoutQuotingThem() {
        for (String key : new String[] {"endpoint", "stsEndpoint", "eksEndpoint"}) {
            for (String url : new String[] {"https://AKIA:s3cr3tKey@example.com", "https://h/?X-Amz-Signature=s3cr3tKey",
                "https://h/ s3cr3tKey", "https://u:s3cr3tKey@bad_host"}) {
                assertThatThrownBy(() -> parse(with(key, url))).as(key + " " + url)
                        .hasMessageContaining("key '" + key + "'").hasMessageNotContaining("s3cr3tKey");
            }
        }
    }

    @Test
    void externalIdWithoutRoleIsRejected() {
        assertThatThrownBy(() -> parse(with("externalId", "ext-123")))
                .hasMessageContaining("'externalId'").hasMessageContaining("roleArn");
    }

    @Test
    void toStringShowsNoCaData() {
        Map<String, Object> settings = with("caData", Base64.getEncoder().encodeToString(PEM.getBytes(StandardCharsets.US_ASCII)));

        assertThat(parse(settings).toString()).contains("spoke-1").doesNotContain("MIIB");
    }

    static Map<String, Object> with(String key, Object value) {
        Map<String, Object> settings = minimal();
        settings.put(key, value);
        return settings;
    }
}
