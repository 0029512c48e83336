package dev.skiff.artifacts.s3;

import java.util.Optional;

/**
 * How to reach a bucket: Argo's {@code S3Bucket} fields that pick the client (one SDK client per distinct settings).
 *
 * @param endpoint        {@code host[:port]}; empty means AWS's endpoint of the region
 * @param region          the signing region; empty means {@code us-east-1} (what minio-go assumes)
 * @param insecure        plain HTTP instead of HTTPS
 * @param accessKey       static credentials: the access key id's secret
 * @param secretKey       and the secret key's
 * @param sessionToken    and, for temporary credentials, the session token's
 * @param useSdkCreds     the AWS SDK's default credentials chain ({@code useSDKCreds: true})
 * @param roleArn         a role to assume (not supported yet)
 * @param addressingStyle {@code path}, {@code virtual-hosted} or empty (path style except for amazonaws.com)
 */
record S3Settings(String endpoint, String region, boolean insecure, Optional<SecretRef> accessKey,
                  Optional<SecretRef> secretKey, Optional<SecretRef> sessionToken, boolean useSdkCreds,
                  String roleArn, String addressingStyle) {

    /** Whether requests address the bucket in the path (MinIO, moto, Ceph) rather than in the host name (AWS). */
    boolean pathStyle() {
        return switch (addressingStyle) {
            case "path" -> true;
            case "virtual-hosted" -> false;
            default -> !endpoint.isEmpty() && !host().endsWith("amazonaws.com");
        };
    }

    /** The endpoint's host, without the port. */
    String host() {
        String e = endpoint.startsWith("[") ? endpoint.substring(0, endpoint.indexOf(']') + 1) : endpoint;
        int colon = e.lastIndexOf(':');
        return colon > 0 && !e.endsWith("]") ? e.substring(0, colon) : e;
    }
}
