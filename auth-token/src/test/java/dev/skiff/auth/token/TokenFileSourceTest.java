package dev.skiff.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.spi.auth.ClusterAuthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileSourceTest {

    @TempDir
    Path dir;

    private void rotate(Path file, String value) throws IOException {
        Path tmp = Files.createTempFile(dir, "token", ".tmp");
        Files.writeString(tmp, value);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void picksUpATokenFileRotatedByRenameWithoutBeingAsked() throws IOException {
        Path file = dir.resolve("token");
        rotate(file, "first-token\n");
        var source = new TokenFileSource(file);
        assertThat(source.token().value()).isEqualTo("first-token");
        rotate(file, "other-token\n");
        assertThat(source.token().value()).isEqualTo("other-token");
    }

    @Test
    void refreshRereadsTheFileEvenWhenItLooksUnchanged() throws IOException {
        Path file = dir.resolve("token");
        Files.writeString(file, "aaaa");
        var source = new TokenFileSource(file);
        assertThat(source.token().value()).isEqualTo("aaaa");
        var modified = Files.getLastModifiedTime(file);
        Files.writeString(file, "bbbb");
        Files.setLastModifiedTime(file, modified);
        assertThat(source.refresh().value()).isEqualTo("bbbb");
    }

    @Test
    void aMissingFileIsAnErrorNamingTheFile() {
        var source = new TokenFileSource(dir.resolve("absent"));
        assertThatThrownBy(source::token).isInstanceOf(ClusterAuthException.class)
                .hasMessageContaining(dir.resolve("absent").toString());
    }

    @Test
    void anEmptyFileIsAnError() throws IOException {
        Path file = Files.writeString(dir.resolve("token"), "\n");
        assertThatThrownBy(() -> new TokenFileSource(file).token()).hasMessageContaining("is empty");
    }

    @Test
    void readsTheExpiryOfAJwt() throws IOException {
        String payload = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"exp\":1900000000,\"sub\":\"x\"}".getBytes());
        Path file = Files.writeString(dir.resolve("token"), "eyJhbGciOiJSUzI1NiJ9." + payload + ".c2ln");
        assertThat(new TokenFileSource(file).token().expiresAt())
                .contains(java.time.Instant.ofEpochSecond(1900000000L));
    }
}
