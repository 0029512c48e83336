package dev.skiff.executor.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Small host stand-ins for the entry points of images that Argo's own examples and tests lean on,
 * since images are ignored locally: {@code argoproj/argosay} (its v2 commands {@code echo},
 * {@code cat}, {@code sleep}, {@code exit}; Go's {@code println} writes to stderr, so does this)
 * and {@code cowsay} from {@code docker/whalesay} when the host has no cowsay. Each is a POSIX
 * {@code sh} script. Pure.
 */
final class ImageStandIns {

    private static final String ARGOSAY = String.join("\n",
            "cmd=${1:-echo}; [ $# -gt 0 ] && shift",
            "case \"$cmd\" in",
            "  echo) case $# in",
            "      0) echo 'hello argo' >&2 ;;",
            "      1) printf '%s\\n' \"$1\" >&2 ;;",
            "      2) mkdir -p \"$(dirname \"$2\")\" && printf '%s' \"$1\" > \"$2\" ;;",
            "      *) echo 'usage: argosay echo [string] [file]' >&2; exit 2 ;;",
            "    esac ;;",
            "  cat) cat \"$@\" || exit 2 ;;",
            "  exit) if [ $# -eq 1 ]; then exit \"$1\"; fi ;;",
            "  sleep) d=$1; case $d in *ms) d=$(awk \"BEGIN{print ${d%ms}/1000}\") ;; esac; sleep \"$d\" || exit 2 ;;",
            "  *) echo 'usage: argosay [cat [file...]|echo [string] [file]|sleep duration|exit [code]]' >&2; exit 2 ;;",
            "esac");

    private static final String COWSAY = String.join("\n",
            "msg=\"$*\"; line=$(printf '%s' \"$msg\" | sed 's/./-/g')",
            "printf ' _%s_\\n< %s >\\n -%s-\\n' \"$line\" \"$msg\" \"$line\"",
            "printf '    \\\\\\n     \\\\\\n      \\\\   ~~~ a whale, locally ~~~\\n'");

    private ImageStandIns() {
    }

    /**
     * The argument vector of a stand-in for this step, or empty when none applies.
     *
     * @param image        the template's image
     * @param words        command + args as the template gives them (command may be empty)
     * @param commandGiven whether the template set {@code command}
     * @param hostHas      whether the host has a program of this name
     */
    static Optional<List<String>> standIn(String image, List<String> words, boolean commandGiven,
                                          java.util.function.Predicate<String> hostHas) {
        if (!commandGiven && imageName(image).equals("argoproj/argosay")) {
            return Optional.of(script(ARGOSAY, "argosay", words));
        }
        if (!words.isEmpty() && words.get(0).equals("cowsay") && !hostHas.test("cowsay")) {
            return Optional.of(script(COWSAY, "cowsay", words.subList(1, words.size())));
        }
        return Optional.empty();
    }

    private static List<String> script(String source, String name, List<String> args) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", source, name));
        argv.addAll(args);
        return argv;
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
