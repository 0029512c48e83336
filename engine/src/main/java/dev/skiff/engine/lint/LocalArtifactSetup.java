package dev.skiff.engine.lint;

import java.util.Objects;
import java.util.Set;

/**
 * What a local run ({@code skiff run}) was given for artifacts beyond its own directory repository, which decides
 * which artifact locations lint lets through.
 *
 * @param stores       the location kinds an installed artifact-store plugin serves ({@code s3})
 * @param s3Repository whether the default repository is an S3 bucket ({@code --artifact-repository})
 * @param secrets      the secret keys given, as {@code NAME/KEY} ({@code --secret})
 */
public record LocalArtifactSetup(Set<String> stores, boolean s3Repository, Set<String> secrets) {

    /** Only the local directory repository (no plugin, no repository, no secrets). */
    public static final LocalArtifactSetup NONE = new LocalArtifactSetup(Set.of(), false, Set.of());

    public LocalArtifactSetup {
        stores = Set.copyOf(Objects.requireNonNull(stores, "stores"));
        secrets = Set.copyOf(Objects.requireNonNull(secrets, "secrets"));
    }
}
