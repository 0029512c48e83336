package dev.skiff.artifacts.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.spi.artifact.ArtifactStore;
import dev.skiff.spi.artifact.ArtifactStore.Fetched;
import dev.skiff.spi.artifact.ArtifactStoreException;
import dev.skiff.testbed.S3Server;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store against a real S3 server on the loopback (moto, every request's SigV4 signature checked). */
class S3ArtifactStoreIT {

    private static S3Server server;
    private static ArtifactStore store;

    @TempDir
    Path dir;

    @BeforeAll
    static void start(@TempDir Path logs) throws Exception {
        server = S3Server.start(logs, List.of("artifacts"));
        store = new S3ArtifactStoreFactory().create(new TestingStoreContext(Map.of(
                "cred/accesskey", server.accessKey(), "cred/secretkey", server.secretKey() + "\n")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (store != null) {
            store.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static URI at(String key) {
        return URI.create("s3://artifacts/" + key + "?endpoint=" + server.endpoint()
                + "&insecure=true&accessKeySecret=cred/accesskey&secretKeySecret=cred/secretkey");
    }

    @Test
    void aFileIsOneObjectAndComesBackAsTheSameBytes() throws IOException {
        Path file = Files.writeString(dir.resolve("hello.txt"), "hello world\n");

        store.store(file, at("wf/pod/hello.tgz"));
        Path back = dir.resolve("back");

        assertThat(store.fetch(at("wf/pod/hello.tgz"), back)).isEqualTo(Fetched.FILE);
        assertThat(back).hasContent("hello world");
    }

    @Test
    void aDirectoryIsOneObjectPerFileUnderTheKeyAndLoadsBackAsATree() throws IOException {
        Path tree = dir.resolve("tree");
        Files.createDirectories(tree.resolve("a/b"));
        Files.writeString(tree.resolve("top.txt"), "top");
        Files.writeString(tree.resolve("a/b/deep.txt"), "deep");

        store.store(tree, at("wf/pod/tree"));
        Path back = dir.resolve("back");

        assertThat(store.fetch(at("wf/pod/tree/a/b/deep.txt"), dir.resolve("one"))).isEqualTo(Fetched.FILE);
        assertThat(store.fetch(at("wf/pod/tree"), back)).isEqualTo(Fetched.DIRECTORY);
        assertThat(back.resolve("top.txt")).hasContent("top");
        assertThat(back.resolve("a/b/deep.txt")).hasContent("deep");
    }

    @Test
    void aKeyWithNeitherObjectNorObjectsBelowIsNotFoundAndWritesNothing() throws IOException {
        Path target = dir.resolve("absent");

        assertThat(store.fetch(at("no/such/key"), target)).isEqualTo(Fetched.NOT_FOUND);
        assertThat(target).doesNotExist();
    }

    @Test
    void deletingAKeyRemovesTheObjectAndAKeyEndingInSlashEverythingBelow() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "x");
        store.store(file, at("gc/one"));
        store.store(file, at("gc/dir/a"));
        store.store(file, at("gc/dir/sub/b"));

        store.delete(at("gc/one"));
        store.delete(at("gc/dir/"));

        assertThat(store.fetch(at("gc/one"), dir.resolve("x1"))).isEqualTo(Fetched.NOT_FOUND);
        assertThat(store.fetch(at("gc/dir"), dir.resolve("x2"))).isEqualTo(Fetched.NOT_FOUND);
        store.delete(at("gc/one"));
    }

    @Test
    void aWrongSecretKeyIsRefusedByTheServerWithItsWordsAndNeverShown() throws IOException {
        String wrong = "wrong-" + server.secretKey();
        try (ArtifactStore other = new S3ArtifactStoreFactory().create(new TestingStoreContext(Map.of(
                "cred/accesskey", server.accessKey(), "cred/secretkey", wrong)))) {
            assertThatThrownBy(() -> other.fetch(at("wf/pod/hello.tgz"), dir.resolve("x")))
                    .isInstanceOf(ArtifactStoreException.class)
                    .hasMessageStartingWith("failed to get s3://artifacts/wf/pod/hello.tgz: ")
                    .hasMessageContaining("SignatureDoesNotMatch, HTTP 403")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong)
                            .doesNotContain(server.secretKey()));
        }
    }

    @Test
    void aMissingCredentialsSecretIsNamedWithoutContactingTheServer() {
        try (ArtifactStore other = new S3ArtifactStoreFactory().create(new TestingStoreContext(Map.of()))) {
            assertThatThrownBy(() -> other.store(dir, at("k")))
                    .isInstanceOf(ArtifactStoreException.class)
                    .hasMessage("the S3 credentials' secret cred key accesskey was not found");
        }
    }

    @Test
    void anAbsentBucketIsTheServersError() {
        URI elsewhere = URI.create(at("k").toString().replace("s3://artifacts/", "s3://no-such-bucket/"));

        assertThatThrownBy(() -> store.fetch(elsewhere, dir.resolve("x")))
                .isInstanceOf(ArtifactStoreException.class)
                .hasMessageContaining("NoSuchBucket");
    }
}
