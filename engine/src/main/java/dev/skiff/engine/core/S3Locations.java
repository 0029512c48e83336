package dev.skiff.engine.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An Argo S3 location ({@code S3Artifact}: {@code bucket}, {@code endpoint}, {@code region}, {@code insecure},
 * credentials' secrets, ...) as the URI an artifact store reads: {@code s3://BUCKET/KEY?endpoint=...&...}, each
 * field under its Argo name, secrets as {@code NAME/KEY} references (never values). Fields a store may not know
 * ({@code createBucketIfNotPresent}, {@code encryptionOptions}, {@code caSecret}) are passed on too, so that a store
 * refuses them rather than ignoring them. Pure.
 */
final class S3Locations {

    private static final List<String> TEXT = List.of("endpoint", "region", "roleARN", "addressingStyle");
    private static final List<String> FLAGS = List.of("insecure", "useSDKCreds");
    private static final List<String> SECRETS = List.of("accessKeySecret", "secretKeySecret", "sessionTokenSecret",
            "caSecret");
    private static final List<String> OBJECTS = List.of("createBucketIfNotPresent", "encryptionOptions");

    private S3Locations() {
    }

    /** The URI of {@code key} with the bucket and settings of {@code s3} (an {@code s3} location object). */
    static URI uri(JsonNode s3, String key) {
        String bucket = s3.path("bucket").asText("");
        String relative = key.replaceFirst("^/+", "");
        StringBuilder query = new StringBuilder();
        for (String field : TEXT) {
            String value = s3.path(field).asText("");
            if (!value.isEmpty()) {
                add(query, field, value);
            }
        }
        for (String field : FLAGS) {
            if (s3.path(field).asBoolean(false)) {
                add(query, field, "true");
            }
        }
        for (String field : SECRETS) {
            JsonNode ref = s3.path(field);
            if (ref.isObject() && !ref.path("name").asText("").isEmpty()) {
                add(query, field, ref.path("name").asText("") + "/" + ref.path("key").asText(""));
            }
        }
        for (String field : OBJECTS) {
            if (s3.path(field).isObject()) {
                add(query, field, s3.path(field).toString());
            }
        }
        try {
            URI base = new URI("s3", bucket.isEmpty() ? null : bucket, "/" + relative, null, null);
            return query.isEmpty() ? base : URI.create(base.toASCIIString() + "?" + query);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new ReconcileException("artifact key \"" + key + "\" in bucket \"" + bucket
                    + "\" is not a valid location: " + e.getMessage());
        }
    }

    private static void add(StringBuilder query, String field, String value) {
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append(field).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
