package dev.skiff.artifacts.s3;

import dev.skiff.spi.artifact.ArtifactStore;
import dev.skiff.spi.artifact.ArtifactStoreException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Files and directories in S3-compatible buckets, as Argo's S3 driver transfers them: a file is one object; a
 * directory is one object per file under {@code KEY/}; a key without an object but with objects under it loads as a
 * directory; deleting a key that ends in {@code /} deletes everything under it.
 */
final class S3ArtifactStore implements ArtifactStore {

    private final S3Clients clients;

    S3ArtifactStore(S3Clients clients) {
        this.clients = clients;
    }

    @Override
    public Fetched fetch(URI location, Path target) throws IOException {
        S3Location at = read(location);
        S3Client s3 = clients.client(at.settings());
        try {
            try {
                s3.getObject(b -> b.bucket(at.bucket()).key(at.key()), ResponseTransformer.toFile(target));
                return Fetched.FILE;
            } catch (NoSuchKeyException absent) {
                Files.deleteIfExists(target);
            }
            String prefix = directoryPrefix(at.key());
            List<String> keys = list(s3, at.bucket(), prefix);
            if (keys.isEmpty()) {
                return Fetched.NOT_FOUND;
            }
            Files.createDirectories(target);
            for (String key : keys) {
                Path file = target.resolve(key.substring(prefix.length())).normalize();
                if (!file.startsWith(target) || file.equals(target)) {
                    throw new ArtifactStoreException("object " + key + " of " + at.describe()
                            + "/ would be written outside the directory it is loaded into");
                }
                Files.createDirectories(file.getParent());
                s3.getObject(b -> b.bucket(at.bucket()).key(key), ResponseTransformer.toFile(file));
            }
            return Fetched.DIRECTORY;
        } catch (SdkException e) {
            throw failure("failed to get " + at.describe(), at, e);
        }
    }

    @Override
    public void store(Path source, URI location) throws IOException {
        S3Location at = read(location);
        S3Client s3 = clients.client(at.settings());
        try {
            if (!Files.isDirectory(source)) {
                s3.putObject(b -> b.bucket(at.bucket()).key(at.key()), RequestBody.fromFile(source));
                return;
            }
            String prefix = directoryPrefix(at.key());
            try (Stream<Path> walk = Files.walk(source)) {
                for (Path file : walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted()
                        .toList()) {
                    String key = prefix + source.relativize(file).toString().replace('\\', '/');
                    s3.putObject(b -> b.bucket(at.bucket()).key(key), RequestBody.fromFile(file));
                }
            }
        } catch (SdkException e) {
            throw failure("failed to put " + at.describe(), at, e);
        }
    }

    @Override
    public void delete(URI location) throws IOException {
        S3Location at = read(location);
        S3Client s3 = clients.client(at.settings());
        try {
            if (!at.key().endsWith("/")) {
                s3.deleteObject(b -> b.bucket(at.bucket()).key(at.key()));
                return;
            }
            for (String key : list(s3, at.bucket(), at.key())) {
                s3.deleteObject(b -> b.bucket(at.bucket()).key(key));
            }
        } catch (SdkException e) {
            throw failure("failed to delete " + at.describe(), at, e);
        }
    }

    @Override
    public void close() {
        clients.close();
    }

    private static List<String> list(S3Client s3, String bucket, String prefix) {
        List<String> keys = new ArrayList<>();
        for (var page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))) {
            page.contents().stream().map(S3Object::key).forEach(keys::add);
        }
        return keys;
    }

    /** Argo's directory prefix: the key cleaned of trailing slashes, then one slash. */
    private static String directoryPrefix(String key) {
        return key.replaceFirst("/+$", "") + "/";
    }

    private static S3Location read(URI location) throws ArtifactStoreException {
        try {
            return S3Location.parse(location);
        } catch (IllegalArgumentException e) {
            throw new ArtifactStoreException(e.getMessage());
        }
    }

    /** The store's own words (code, message, HTTP status), or why it could not be reached; never credentials. */
    private static ArtifactStoreException failure(String what, S3Location at, SdkException e) {
        if (e instanceof S3Exception s3 && s3.awsErrorDetails() != null) {
            var details = s3.awsErrorDetails();
            String message = details.errorMessage() == null ? "" : details.errorMessage();
            return new ArtifactStoreException(what + ": " + (message.isEmpty() ? details.errorCode() : message)
                    + " (" + details.errorCode() + ", HTTP " + s3.statusCode() + ")", e);
        }
        if (e instanceof SdkClientException && String.valueOf(e.getMessage()).startsWith("Unable to load credentials")) {
            return new ArtifactStoreException(what + ": no AWS credentials: the location names no accessKeySecret and"
                    + " secretKeySecret, and the AWS SDK's default chain found none (environment AWS_ACCESS_KEY_ID,"
                    + " profiles, web identity, container or instance metadata)", e);
        }
        if (e instanceof SdkClientException) {
            String endpoint = at.settings().endpoint().isEmpty() ? "AWS" : at.settings().endpoint();
            return new ArtifactStoreException(what + ": cannot reach " + endpoint + ": " + e.getMessage(), e);
        }
        return new ArtifactStoreException(what + ": " + e.getMessage(), e);
    }
}
