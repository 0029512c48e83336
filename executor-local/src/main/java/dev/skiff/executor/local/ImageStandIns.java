package dev.skiff.executor.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Small host stand-ins for programs that Argo's own examples and tests take from their images,
 * since images are ignored locally: {@code argosay} (the entry point of
 * {@code argoproj/argosay:v2}, a shell script in Argo's {@code test/e2e/images}: {@code echo
 * [text [file]]}, {@code cat file}, {@code assert_contains file text}, {@code sleep}, {@code exit},
 * {@code sh}; everything on stdout) and {@code cowsay}
 * (from {@code docker/whalesay}). They are POSIX {@code sh} scripts in a directory that goes at
 * the END of the steps' {@code PATH}, so a real program of the same name wins.
 */
final class ImageStandIns {

    /** The programs, by name. */
    static final Map<String, String> SCRIPTS = Map.of(
            "argosay", String.join("\n",
                    "#!/bin/sh",
                    "# Skiff's stand-in for the argoproj/argosay:v2 entry point (images are ignored locally).",
                    "# Behaves as that image's /argosay: everything it says goes to stdout.",
                    "set -eu",
                    "case ${1:-} in",
                    "  '') echo 'hello argo' ;;",
                    "  echo) case $# in",
                    "      1) echo 'hello argo' ;;",
                    "      2) printf '%s\\n' \"$2\" ;;",
                    "      3) mkdir -p \"$(dirname \"$3\")\"; printf '%s\\n' \"$2\" > \"$3\" ;;",
                    "    esac ;;",
                    "  cat) cat \"$2\" ;;",
                    "  assert_contains) grep -F \"$3\" \"$2\" ;;",
                    "  exit) exit \"${2:-0}\" ;;",
                    "  sleep) sleep \"$2\" ;;",
                    "  sh) sh \"${2:-0}\" ;;",
                    "  *) exit 1 ;;",
                    "esac",
                    ""),
            "cowsay", String.join("\n",
                    "#!/bin/sh",
                    "# Skiff's stand-in for cowsay (docker/whalesay; images are ignored locally).",
                    "msg=\"$*\"; line=$(printf '%s' \"$msg\" | sed 's/./-/g')",
                    "printf ' _%s_\\n< %s >\\n -%s-\\n' \"$line\" \"$msg\" \"$line\"",
                    "printf '    \\\\\\n     \\\\\\n      \\\\   ~~~ a whale, locally ~~~\\n'",
                    ""));

    private ImageStandIns() {
    }

    /**
     * Writes the stand-ins, executable, into {@code dir} (created if needed). A file that is there already is
     * kept when it is the same, replaced when a Skiff wrote it (it starts with a stand-in's first two lines),
     * and otherwise left alone: then this fails, naming it.
     */
    static void install(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, String> script : SCRIPTS.entrySet()) {
            Path file = dir.resolve(script.getKey());
            if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                String old = Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        ? Files.readString(file, StandardCharsets.UTF_8) : "";
                if (old.equals(script.getValue())) {
                    continue;
                }
                if (!old.startsWith("#!/bin/sh\n# Skiff's stand-in")) {
                    throw new IOException(file + " exists and Skiff did not write it; Skiff never overwrites it:"
                            + " remove it or choose another --work-dir");
                }
                Files.delete(file);
            }
            Files.writeString(file, script.getValue(), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /**
     * The words to run for a template that keeps its image's entry point (no {@code command}):
     * {@code argosay} for the argosay image; otherwise the words unchanged.
     */
    static List<String> withEntryPoint(String image, List<String> words, boolean commandGiven) {
        if (!commandGiven && imageName(image).equals("argoproj/argosay")) {
            List<String> argv = new ArrayList<>();
            argv.add("argosay");
            argv.addAll(words);
            return argv;
        }
        return words;
    }

    /** The image's repository without registry host, tag or digest: {@code docker.io/argoproj/argosay:v2} → {@code argoproj/argosay}. */
    static String imageName(String image) {
        String name = image.trim();
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
        }
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            name = name.substring(0, colon);
        }
        String[] parts = name.split("/");
        if (parts.length > 2 && (parts[0].contains(".") || parts[0].contains(":") || parts[0].equals("localhost"))) {
            name = String.join("/", java.util.Arrays.copyOfRange(parts, 1, parts.length));
        }
        return name;
    }
}
