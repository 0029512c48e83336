package dev.skiff.auth.eks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.spi.auth.AuthContext;
import dev.skiff.spi.auth.ClusterAuthConfig;
import dev.skiff.spi.auth.ClusterAuthProvider;
import dev.skiff.spi.auth.ClusterAuthProviderFactory;
import dev.skiff.spi.auth.ClusterCredentials;
import dev.skiff.spi.auth.SecretSource;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class EksAuthProviderFactoryTest {

    final TestingLogger logger = new TestingLogger();
    final AuthContext context = new AuthContext() {
        @Override
        public Clock clock() {
            return new TestingClock(Instant.parse("2026-03-04T05:00:00Z"));
        }

        @Override
        public Path configDirectory() {
            return Path.of(".");
        }

        @Override
        public SecretSource secrets() {
            return SecretSource.NONE;
        }

        @Override
        public Map<String, String> environment() {
            return Map.of();
        }

        @Override
        public System.Logger logger() {
            return logger;
        }
    };

    @Test
    void serviceLoaderFindsTheFactoryNamedEks() {
        assertThat(ServiceLoader.load(ClusterAuthProviderFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.name().equals("eks"))).hasSize(1);
    }

    @Test
    void configuredEndpointAndCaNeedNoAwsCallAndComeWithATokenSource() {
        String pem = EksAuthSettingsTest.PEM;
        var config = new ClusterAuthConfig("spoke", Map.of(
                "clusterName", "spoke-1", "region", "eu-west-1",
                "roleArn", "arn:aws:iam::222233334444:role/skiff-spoke",
                "endpoint", "https://spoke.example:6443",
                "caData", Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII))));

        try (ClusterAuthProvider provider = new EksAuthProviderFactory().create(config, context)) {
            ClusterCredentials credentials = provider.credentials();

            assertThat(credentials.server()).isEqualTo(URI.create("https://spoke.example:6443"));
            assertThat(credentials.caBundle()).hasValueSatisfying(ca -> assertThat(new String(ca, StandardCharsets.US_ASCII)).isEqualTo(pem));
            assertThat(credentials.token()).isPresent();
            assertThat(credentials.clientCertificate()).isEmpty();
            assertThat(credentials.insecureSkipTlsVerify()).isFalse();
            assertThat(credentials.insecureSendCredentialsOverHttp()).isFalse();
            assertThat(provider.caHint()).startsWith("auth key caData does not hold the CA of this API server");
        }
        assertThat(logger.lines).anyMatch(l -> l.contains("cluster 'spoke'") && l.contains("skiff-spoke")
                && l.contains("sts.eu-west-1.amazonaws.com"));
    }

    @Test
    void tokensComeWithoutAskingEksWhereTheClusterIs() {
        var config = new ClusterAuthConfig("spoke", Map.of("clusterName", "spoke-1", "region", "eu-west-1",
                "eksEndpoint", "http://127.0.0.1:1"));

        try (ClusterAuthProvider provider = new EksAuthProviderFactory().create(config, context)) {
            assertThat(provider.tokens()).isPresent();
        }
        assertThat(logger.lines).noneMatch(l -> l.contains("EKS API server"));
    }

    @Test
    void configKeysAreTheSettingsKeys() {
        assertThat(new EksAuthProviderFactory().configKeys()).contains("clusterName", "region", "roleArn", "externalId",
                "sessionName", "endpoint", "caData", "stsEndpoint", "eksEndpoint", "fips",
                "insecureSendCredentialsOverHttp");
    }
}
