package dev.skiff.executor.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads captured output as Argo reports it: one trailing newline trimmed, then the last 256 KiB. */
final class StdoutTail {

    /** Argo keeps at most this many bytes of a step's stdout as its result. */
    static final int MAX_RESULT_BYTES = 256 * 1024;

    private StdoutTail() {
    }

    /** The result of a captured stdout file; empty text when the file does not exist. */
    static String read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int wanted = (int) Math.min(length, MAX_RESULT_BYTES + 1L);
            byte[] bytes = new byte[wanted];
            in.seek(length - wanted);
            in.readFully(bytes);
            return fromTail(bytes);
        }
    }

    /** The result from the output's last bytes (at least {@code MAX_RESULT_BYTES + 1} of them, or all). */
    static String fromTail(byte[] bytes) {
        int end = bytes.length;
        if (end > 0 && bytes[end - 1] == '\n') {
            end--;
        }
        int start = Math.max(0, end - MAX_RESULT_BYTES);
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }

    /** The value of an output parameter file: its text with one trailing newline trimmed. */
    static String parameterValue(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
