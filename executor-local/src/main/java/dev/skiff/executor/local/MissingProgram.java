package dev.skiff.executor.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A step whose program is not on this machine, reported as Argo reports a command its image lacks: Argo's
 * emissary fails to look the program up ({@code exec.LookPath}), exits 64 and leaves Go's error as the
 * container's termination message, so the node ends Failed with
 * {@code main: Error (exit code 64): failed to find name in PATH: exec: "xyz": executable file not found in $PATH}.
 * The step's {@code stderr.log} gets the same line and why it happens locally (the image is ignored).
 *
 * @param program the program as the template names it
 * @param image   the template's image, which the local executor ignores
 */
record MissingProgram(String program, String image) {

    /** The emissary's exit code for its own failures. */
    static final int EXIT_CODE = 64;

    /** Argo's node message. */
    String message() {
        return "main: Error (exit code " + EXIT_CODE + "): failed to find name in PATH: " + lookPathError();
    }

    /** Go's {@code exec.LookPath} error: a name is searched on PATH, a path with a slash is stat'ed. */
    String lookPathError() {
        String quoted = goQuote(program);
        return program.contains("/") ? "exec: " + quoted + ": stat " + program + ": no such file or directory"
                : "exec: " + quoted + ": executable file not found in $PATH";
    }

    /** Writes the error and the local reason for it to the step's stderr log. */
    void writeTo(Path stderrLog) throws IOException {
        Files.writeString(stderrLog, "failed to find name in PATH: " + lookPathError() + "\n"
                + "skiff: '" + program + "' is not installed on this machine: the local executor runs each step as a"
                + " host process and ignores its image '" + image + "'; install the program or put it on PATH\n",
                StandardCharsets.UTF_8);
    }

    /** Go's {@code %q} for the printable ASCII names programs have: quotes, with {@code "} and {@code \} escaped. */
    private static String goQuote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
