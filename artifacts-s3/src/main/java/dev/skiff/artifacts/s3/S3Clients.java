package dev.skiff.artifacts.s3;

import dev.skiff.spi.artifact.ArtifactStoreContext;
import dev.skiff.spi.artifact.ArtifactStoreException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One SDK client per distinct {@link S3Settings}, with credentials chosen as Argo's S3 driver chooses them: the
 * access and secret key's secrets when both are set (with the session token's, if any), else the AWS SDK's default
 * chain (environment, profiles, web identity, container and instance metadata: what {@code useSDKCreds} and Argo's
 * IAM fallback reach). Checksums only where S3 requires them, since S3-compatible stores differ in the newer ones.
 */
final class S3Clients implements AutoCloseable {

    private static final String DEFAULT_REGION = "us-east-1";

    private final ArtifactStoreContext context;
    private final Map<S3Settings, S3Client> clients = new HashMap<>();

    S3Clients(ArtifactStoreContext context) {
        this.context = context;
    }

    synchronized S3Client client(S3Settings settings) throws ArtifactStoreException {
        S3Client existing = clients.get(settings);
        if (existing != null) {
            return existing;
        }
        if (!settings.roleArn().isEmpty()) {
            throw new ArtifactStoreException("roleARN is not supported by Skiff's S3 artifact store yet; give the"
                    + " role's credentials through accessKeySecret/secretKeySecret or useSDKCreds (an AWS profile"
                    + " that assumes the role)");
        }
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(credentials(settings))
                .region(Region.of(settings.region().isEmpty() ? DEFAULT_REGION : settings.region()))
                .forcePathStyle(settings.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (!settings.endpoint().isEmpty()) {
            builder.endpointOverride(URI.create((settings.insecure() ? "http://" : "https://") + settings.endpoint()));
        }
        if (settings.region().isEmpty()) {
            builder.crossRegionAccessEnabled(true);
        }
        S3Client client = builder.build();
        clients.put(settings, client);
        return client;
    }

    private AwsCredentialsProvider credentials(S3Settings settings) throws ArtifactStoreException {
        if (settings.accessKey().isPresent() && settings.secretKey().isPresent()) {
            String accessKey = value(settings.accessKey().get()).strip();
            String secretKey = value(settings.secretKey().get()).strip();
            if (settings.sessionToken().isPresent()) {
                return StaticCredentialsProvider.create(AwsSessionCredentials.create(accessKey, secretKey,
                        value(settings.sessionToken().get()).strip()));
            }
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private String value(SecretRef ref) throws ArtifactStoreException {
        Optional<String> value = context.secret(ref.name(), ref.key());
        if (value.isEmpty()) {
            throw new ArtifactStoreException("the S3 credentials' " + ref + " was not found");
        }
        return value.get();
    }

    @Override
    public synchronized void close() {
        clients.values().forEach(S3Client::close);
        clients.clear();
    }
}
