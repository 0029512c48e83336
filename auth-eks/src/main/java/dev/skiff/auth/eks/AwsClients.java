package dev.skiff.auth.eks;

import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The AWS side of one cluster: the default credentials chain (env, web identity, EKS Pod
 * Identity, instance profile), an STS client for AssumeRole and an EKS client for
 * DescribeCluster. Every client gets the same explicit HTTP client, so nothing depends on the
 * SDK finding one through ServiceLoader (which fails inside a plugin's module layer).
 */
final class AwsClients implements AutoCloseable {

    private final EksAuthSettings settings;
    private final SdkHttpClient http = UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(10))
            .socketTimeout(Duration.ofSeconds(30))
            .build();
    private final DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
    private StsClient sts;
    private EksClient eks;

    AwsClients(EksAuthSettings settings) {
        this.settings = settings;
    }

    /**
     * The credentials tokens are signed with: the assumed role's (renewed ahead of the session's
     * end, see {@link AssumedRoleCredentials}), or the chain's own (the SDK's providers renew them).
     */
    SigningCredentials signingCredentials(Clock clock, System.Logger logger) {
        if (settings.roleArn().isEmpty()) {
            return new RenewableCredentials("the default AWS credentials chain", () -> DefaultCredentialsProvider.builder().build());
        }
        String role = settings.roleArn().orElseThrow();
        return new AssumedRoleCredentials("role " + role + " assumed over the default AWS credentials chain",
                () -> assumeRole(role), clock, logger);
    }

    private AwsSessionCredentials assumeRole(String role) {
        Credentials c = sts().assumeRole(r -> {
            r.roleArn(role).roleSessionName(settings.sessionName());
            settings.externalId().ifPresent(r::externalId);
        }).credentials();
        return AwsSessionCredentials.builder().accessKeyId(c.accessKeyId()).secretAccessKey(c.secretAccessKey())
                .sessionToken(c.sessionToken()).expirationTime(c.expiration()).build();
    }

    synchronized StsClient sts() {
        if (sts == null) {
            var builder = StsClient.builder()
                    .httpClient(http)
                    .region(Region.of(settings.region()))
                    .credentialsProvider(chain)
                    .fipsEnabled(settings.fips());
            settings.stsEndpoint().ifPresent(builder::endpointOverride);
            sts = builder.build();
        }
        return sts;
    }

    synchronized EksClient eks(SigningCredentials credentials) {
        if (eks == null) {
            var builder = EksClient.builder()
                    .httpClient(http)
                    .region(Region.of(settings.region()))
                    .credentialsProvider(asProvider(credentials))
                    .fipsEnabled(settings.fips());
            settings.eksEndpoint().ifPresent(builder::endpointOverride);
            eks = builder.build();
        }
        return eks;
    }

    private static AwsCredentialsProvider asProvider(SigningCredentials credentials) {
        return () -> {
            AwsCredentialsIdentity identity = credentials.current();
            if (identity instanceof AwsCredentials sdk) {
                return sdk;
            }
            if (identity instanceof AwsSessionCredentialsIdentity session) {
                return AwsSessionCredentials.builder().accessKeyId(session.accessKeyId())
                        .secretAccessKey(session.secretAccessKey()).sessionToken(session.sessionToken())
                        .expirationTime(session.expirationTime().orElse(null)).build();
            }
            return software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(identity.accessKeyId(), identity.secretAccessKey());
        };
    }

    @Override
    public synchronized void close() {
        if (eks != null) {
            eks.close();
        }
        if (sts != null) {
            sts.close();
        }
        chain.close();
        http.close();
    }
}
