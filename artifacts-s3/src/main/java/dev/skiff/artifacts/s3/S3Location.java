package dev.skiff.artifacts.s3;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An {@code s3://BUCKET/KEY?...} location read: the object's bucket and key and how to reach it. Query parameters
 * are Argo's {@code S3Artifact} field names: {@code endpoint}, {@code region}, {@code insecure},
 * {@code accessKeySecret}, {@code secretKeySecret}, {@code sessionTokenSecret} (each {@code NAME/KEY}),
 * {@code useSDKCreds}, {@code roleARN}, {@code addressingStyle}. Anything else is refused, so that a setting this
 * store does not implement never goes unnoticed.
 */
record S3Location(String bucket, String key, S3Settings settings) {

    private static final Set<String> PARAMETERS = Set.of("endpoint", "region", "insecure", "accessKeySecret",
            "secretKeySecret", "sessionTokenSecret", "useSDKCreds", "roleARN", "addressingStyle");

    /** Reads {@code uri}; throws {@link IllegalArgumentException} saying what is wrong with it. */
    static S3Location parse(URI uri) {
        if (!"s3".equals(uri.getScheme())) {
            throw new IllegalArgumentException("not an s3: location: " + uri.getScheme() + ":");
        }
        String bucket = Optional.ofNullable(uri.getAuthority()).orElse("");
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("the s3 location names no bucket");
        }
        String key = Optional.ofNullable(uri.getPath()).orElse("").replaceFirst("^/", "");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("the s3 location in bucket " + bucket + " names no key");
        }
        Map<String, String> query = query(uri.getRawQuery());
        S3Settings settings = new S3Settings(query.getOrDefault("endpoint", ""), query.getOrDefault("region", ""),
                bool(query, "insecure"), secret(query, "accessKeySecret"), secret(query, "secretKeySecret"),
                secret(query, "sessionTokenSecret"), bool(query, "useSDKCreds"), query.getOrDefault("roleARN", ""),
                query.getOrDefault("addressingStyle", ""));
        return new S3Location(bucket, key, settings);
    }

    /** The location in words for messages: bucket and key (never the query, though it holds no secret values). */
    String describe() {
        return "s3://" + bucket + "/" + key;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (!PARAMETERS.contains(name)) {
                throw new IllegalArgumentException("the s3 location has an unknown setting \"" + name + "\"; known: "
                        + new java.util.TreeSet<>(PARAMETERS));
            }
            out.put(name, value);
        }
        return out;
    }

    private static boolean bool(Map<String, String> query, String name) {
        String value = query.getOrDefault(name, "false");
        return switch (value) {
            case "true" -> true;
            case "false", "" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, not \"" + value + "\"");
        };
    }

    private static Optional<SecretRef> secret(Map<String, String> query, String name) {
        return Optional.ofNullable(query.get(name)).filter(v -> !v.isEmpty()).map(v -> SecretRef.parse(name, v));
    }
}
