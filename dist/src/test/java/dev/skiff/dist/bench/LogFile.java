package dev.skiff.dist.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A controller's log file: read whole, or its last lines for error messages. */
record LogFile(Path path) {

    String text() throws IOException {
        return Files.exists(path) ? Files.readString(path, StandardCharsets.ISO_8859_1) : "";
    }

    String tail() {
        try {
            List<String> lines = text().lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
