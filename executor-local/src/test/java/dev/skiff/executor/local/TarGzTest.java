package dev.skiff.executor.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tar+gzip archives as Argo stores artifacts: the base name at the top, long names, tar's own reading. */
class TarGzTest {

    @TempDir
    Path dir;

    @Test
    void aFileIsStoredUnderItsBaseNameAndComesBackWithItsContentAndMode() throws IOException {
        Path file = Files.writeString(dir.resolve("hello_world.txt"), "hello\n");
        Files.setPosixFilePermissions(file, TarGz.permissions(0750));
        Path archive = dir.resolve("a.tgz");

        TarGz.pack(file, archive);
        List<String> top = TarGz.unpack(archive, dir.resolve("out"));

        assertThat(top).containsExactly("hello_world.txt");
        assertThat(dir.resolve("out/hello_world.txt")).content().isEqualTo("hello\n");
        assertThat(Files.getPosixFilePermissions(dir.resolve("out/hello_world.txt"))).isEqualTo(TarGz.permissions(0750));
    }

    @Test
    void aDirectoryTreeWithNamesLongerThanAHeaderFieldRoundTrips() throws IOException {
        String longName = "n".repeat(140) + ".txt";
        Path tree = Files.createDirectories(dir.resolve("tree/" + "d".repeat(60) + "/empty"));
        Files.writeString(dir.resolve("tree/" + longName), "long");
        Files.writeString(dir.resolve("tree/" + "d".repeat(60) + "/x"), "x");
        Path archive = dir.resolve("t.tgz");

        TarGz.pack(dir.resolve("tree"), archive);
        TarGz.unpack(archive, dir.resolve("out"));

        assertThat(dir.resolve("out/tree/" + longName)).content().isEqualTo("long");
        assertThat(dir.resolve("out/tree/" + "d".repeat(60) + "/x")).content().isEqualTo("x");
        assertThat(dir.resolve("out/tree/" + "d".repeat(60) + "/empty")).isDirectory();
        assertThat(tree).isDirectory();
    }

    @Test
    void theHostsTarReadsWhatWeWrite() throws Exception {
        Files.createDirectories(dir.resolve("src/sub"));
        Files.writeString(dir.resolve("src/sub/" + "f".repeat(120)), "deep");
        Path archive = dir.resolve("s.tgz");
        TarGz.pack(dir.resolve("src"), archive);
        Files.createDirectories(dir.resolve("x"));

        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", dir.resolve("x").toString())
                .redirectErrorStream(true).start();
        assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(tar.exitValue()).as(new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        assertThat(dir.resolve("x/src/sub/" + "f".repeat(120))).content().isEqualTo("deep");
    }

    @Test
    void anEntryThatWouldLeaveTheTargetIsRefused() throws IOException {
        Path archive = dir.resolve("evil.tgz");
        byte[] header = new byte[512];
        byte[] name = "../escape.txt".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, header, 0, name.length);
        put(header, 100, "0000644");
        put(header, 124, "00000000000");
        put(header, 136, "00000000000");
        header[156] = '0';
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum) + "\0");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(archive))) {
            out.write(header);
            out.write(new byte[1024]);
        }

        assertThatThrownBy(() -> TarGz.unpack(archive, dir.resolve("out"))).isInstanceOf(IOException.class)
                .hasMessageContaining("leaves the directory");
        assertThat(dir.resolve("escape.txt")).doesNotExist();
    }

    @Test
    void anEntryThroughALinkOfAnEarlierEntryIsRefusedAndNothingIsWrittenThere() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path first = Files.createDirectories(dir.resolve("first"));
        Files.createSymbolicLink(first.resolve("a"), outside);
        Path second = Files.createDirectories(dir.resolve("second/a"));
        Files.writeString(second.resolve("planted.txt"), "boo");
        Path archive = dir.resolve("evil-link.tgz");
        // The host's tar writes the link "a", then the file "a/planted.txt" from another directory.
        Process tar = new ProcessBuilder("tar", "-czf", archive.toString(), "-C", first.toString(), "a",
                "-C", dir.resolve("second").toString(), "a/planted.txt").redirectErrorStream(true).start();
        assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).as(new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();

        assertThatThrownBy(() -> TarGz.unpack(archive, dir.resolve("out"))).isInstanceOf(IOException.class)
                .hasMessageContaining("goes through the symbolic link a");
        assertThat(outside).isEmptyDirectory();
    }

    private static void put(byte[] header, int at, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, at, bytes.length);
    }
}
