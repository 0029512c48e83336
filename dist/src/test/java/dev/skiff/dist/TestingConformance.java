package dev.skiff.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The repository's {@code conformance/} folder as the ITs use it: the cases, their {@code # args:} lines, the
 * lists of known mismatches, and {@code conformance/compare} to judge a result.
 */
final class TestingConformance {

    /** What a case's file says when its outcome depends on how long a pod takes (PROVENANCE.md, timing). */
    private static final Pattern TIMING = Pattern.compile("activeDeadlineSeconds|\\btimeout:|\\bbackoff:");

    private TestingConformance() {
    }

    static Path dir() {
        return Path.of(System.getProperty("skiff.conformance.dir", "../conformance")).toAbsolutePath().normalize();
    }

    static Path caseFile(String name) {
        return dir().resolve("cases").resolve(name + ".yaml");
    }

    static Path expectedFile(String name) {
        return dir().resolve("expected").resolve(name + ".json");
    }

    /** The objects case {@code name} needs in the cluster ({@code conformance/fixtures/NAME.yaml}), if any. */
    static java.util.Optional<Path> fixtureFile(String name) {
        Path file = dir().resolve("fixtures").resolve(name + ".yaml");
        return Files.exists(file) ? java.util.Optional.of(file) : java.util.Optional.empty();
    }

    /**
     * Every case's name, sorted; only those named in the system property {@code skiff.conformance.cases}
     * (comma-separated) when it is set, to iterate on a few.
     */
    static List<String> selectedCases() throws IOException {
        String only = System.getProperty("skiff.conformance.cases", "").strip();
        if (only.isEmpty()) {
            return cases();
        }
        List<String> wanted = List.of(only.split("\\s*,\\s*"));
        List<String> all = cases();
        for (String name : wanted) {
            if (!all.contains(name)) {
                throw new IllegalArgumentException("skiff.conformance.cases names no case " + name);
            }
        }
        return all.stream().filter(wanted::contains).toList();
    }

    /** Every case's name, sorted. */
    static List<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(dir().resolve("cases"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted().toList();
        }
    }

    /** The words of the case's {@code # args:} header lines, as {@code compare run} passes them. */
    static List<String> args(String name) throws IOException {
        List<String> args = new ArrayList<>();
        for (String line : Files.readAllLines(caseFile(name))) {
            if (!line.startsWith("#")) {
                break;
            }
            if (line.startsWith("# args:")) {
                String rest = line.substring("# args:".length()).strip();
                if (!rest.isEmpty()) {
                    args.addAll(List.of(rest.split("\\s+")));
                }
            }
        }
        return args;
    }

    /** Whether the case has a deadline, timeout or retry back-off, whose outcome depends on pod timing. */
    static boolean timingDependent(String name) throws IOException {
        return TIMING.matcher(Files.readString(caseFile(name))).find();
    }

    /** {@code name  reason} lines of {@code conformance/<file>}; '#' starts a comment; no file = none. */
    static Map<String, String> knownMismatches(String file) throws IOException {
        Map<String, String> known = new LinkedHashMap<>();
        Path path = dir().resolve(file);
        if (!Files.exists(path)) {
            return known;
        }
        for (String line : Files.readAllLines(path)) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] parts = text.split("\\s+", 2);
            known.put(parts[0], parts.length > 1 ? parts[1] : "");
        }
        return known;
    }

    /** What {@code conformance/compare} printed and its exit code (0: the case matches). */
    record Comparison(int exitCode, String output) {

        boolean matches() {
            return exitCode == 0;
        }
    }

    /** {@code compare run --skiff BIN NAME}: runs the case with {@code skiff run} and diffs it. */
    static Comparison run(Path skiff, String name) throws IOException, InterruptedException {
        return compare(List.of("run", "--skiff", skiff.toString(), name), "compare run " + name);
    }

    /** {@code compare diff ACTUAL EXPECTED}: a Workflow object (JSON) against the case's expected status. */
    static Comparison diff(Path actual, String name) throws IOException, InterruptedException {
        return compare(List.of("diff", actual.toString(), expectedFile(name).toString()), "compare diff " + name);
    }

    private static Comparison compare(List<String> args, String what) throws IOException, InterruptedException {
        Path output = Files.createTempFile("skiff-conformance", ".txt");
        try {
            List<String> command = new ArrayList<>(List.of("python3", dir().resolve("compare").toString()));
            command.addAll(args);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("conformance/" + what + " did not end within 5 minutes");
            }
            return new Comparison(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
