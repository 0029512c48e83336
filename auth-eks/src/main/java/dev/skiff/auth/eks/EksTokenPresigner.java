package dev.skiff.auth.eks;

import dev.skiff.spi.auth.BearerToken;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Makes EKS bearer tokens: {@code k8s-aws-v1.} followed by the unpadded base64url of a SigV4
 * presigned {@code GET https://<sts host>/?Action=GetCallerIdentity&Version=2011-06-15} whose
 * signed headers are {@code host} and {@code x-k8s-aws-id} (the cluster's name). The cluster
 * sends that request to STS itself and learns who signed it.
 */
final class EksTokenPresigner {

    static final String PREFIX = "k8s-aws-v1.";
    static final String CLUSTER_ID_HEADER = "x-k8s-aws-id";
    /** STS accepts a presigned GetCallerIdentity for 15 minutes after its X-Amz-Date. */
    static final Duration STS_VALIDITY = Duration.ofMinutes(15);
    /** Ignored by STS; verifiers want 0..900 and clients have always sent 60. */
    static final Duration PRESIGN_EXPIRES = Duration.ofSeconds(60);

    private final String clusterName;
    private final String region;
    private final String stsHost;
    private final Clock clock;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    EksTokenPresigner(String clusterName, String region, String stsHost, Clock clock) {
        this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
        this.region = Objects.requireNonNull(region, "region");
        this.stsHost = Objects.requireNonNull(stsHost, "stsHost");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A token signed with {@code credentials} now. It expires 15 minutes after signing, or when
     * the credentials do, whichever comes first.
     */
    BearerToken presign(AwsCredentialsIdentity credentials) {
        Instant now = clock.instant();
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .protocol("https")
                .host(stsHost)
                .encodedPath("/")
                .appendRawQueryParameter("Action", "GetCallerIdentity")
                .appendRawQueryParameter("Version", "2011-06-15")
                .putHeader(CLUSTER_ID_HEADER, clusterName)
                .build();
        Clock signingClock = Clock.fixed(now, java.time.ZoneOffset.UTC);
        SdkHttpRequest signed = signer.sign(r -> r
                .identity(credentials)
                .request(request)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, PRESIGN_EXPIRES)
                .putProperty(HttpSigner.SIGNING_CLOCK, signingClock)).request();
        // getUri() is already percent-encoded once; encoding it again is what gives 401s.
        String url = signed.getUri().toString();
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8));
        Instant expiresAt = now.plus(STS_VALIDITY);
        Optional<Instant> credentialsEnd = credentials.expirationTime();
        if (credentialsEnd.isPresent() && credentialsEnd.get().isBefore(expiresAt)) {
            expiresAt = credentialsEnd.get();
        }
        return new BearerToken(token, Optional.of(expiresAt));
    }

    String stsHost() {
        return stsHost;
    }

    @Override
    public String toString() {
        return "EksTokenPresigner[cluster=" + clusterName + ", region=" + region + ", stsHost=" + stsHost + "]";
    }
}
