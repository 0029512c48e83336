package dev.skiff.auth.token;

import dev.skiff.spi.auth.BearerToken;
import dev.skiff.spi.auth.ClusterAuthException;
import dev.skiff.spi.auth.TokenSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;

/**
 * A token kept in a file that someone else rotates (the kubelet's projected ServiceAccount
 * token). Every {@link #token()} looks at the file's identity, size and modification time and
 * re-reads it when any changed (rotation by rename, as the kubelet does, always shows);
 * {@link #refresh()} re-reads it unconditionally. Thread-safe.
 */
final class TokenFileSource implements TokenSource {

    private final Path file;
    private Stamp stamp;
    private BearerToken cached;

    TokenFileSource(Path file) {
        this.file = file;
    }

    @Override
    public synchronized BearerToken token() {
        Stamp now = stamp();
        if (cached == null || !now.equals(stamp)) {
            read(now);
        }
        return cached;
    }

    @Override
    public synchronized BearerToken refresh() {
        read(stamp());
        return cached;
    }

    private void read(Stamp now) {
        try {
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new ClusterAuthException("token file " + file + " is empty");
            }
            cached = new BearerToken(value, JwtExpiry.of(value));
            stamp = now;
        } catch (IOException e) {
            throw new ClusterAuthException("cannot read token file " + file + ": " + e.getClass().getSimpleName());
        }
    }

    private Stamp stamp() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(Optional.ofNullable(a.fileKey()).map(Object::toString).orElse(""), a.size(),
                    a.lastModifiedTime().toMillis());
        } catch (IOException e) {
            throw new ClusterAuthException("cannot read token file " + file + ": " + e.getClass().getSimpleName()
                    + " (does it exist and may Skiff read it?)");
        }
    }

    private record Stamp(String fileKey, long size, long modifiedMillis) {
        Stamp {
            Objects.requireNonNull(fileKey);
        }
    }

    @Override
    public String toString() {
        return "TokenFileSource[" + file + "]";
    }
}
