package dev.skiff.auth.token;

import dev.skiff.spi.auth.ClusterAuthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/** Reads PEM bundles (CA certificates, client certificates, keys) from files or base64 data. */
final class CaBundle {

    private CaBundle() {
    }

    static byte[] file(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ClusterAuthException("cannot read " + what + " file " + file + ": "
                    + e.getClass().getSimpleName());
        }
    }

    static byte[] base64(String data, String where) {
        try {
            return Base64.getMimeDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new ClusterAuthException(where + " is not valid base64");
        }
    }

    /** The CA from settings {@code caFile} or {@code caData} (base64 PEM), if either is set. */
    static Optional<byte[]> fromSettings(AuthSettings settings) {
        settings.atMostOne("caFile", "caData");
        Optional<Path> file = settings.path("caFile");
        if (file.isPresent()) {
            return Optional.of(file(file.get(), "CA"));
        }
        return settings.string("caData")
                .map(data -> base64(data, "cluster '" + settings.clusterName() + "': auth key 'caData'"));
    }
}
