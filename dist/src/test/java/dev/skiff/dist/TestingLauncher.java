package dev.skiff.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the built distribution's {@code bin/skiff} as a user would, capturing what it prints. */
final class TestingLauncher {

    /** The distribution tree Maven built ({@code target/skiff}). */
    static Path home() {
        return Path.of(System.getProperty("skiff.home", "target/skiff")).toAbsolutePath();
    }

    record Result(int exitCode, String stdout, String stderr) {
    }

    static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(home().resolve("bin/skiff").toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("skiff-out", ".txt");
        Path err = Files.createTempFile("skiff-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        return finish(builder.start(), out, err, "bin/skiff " + String.join(" ", args));
    }

    /** A {@code bin/skiff} still running, with SIGINT and SIGTERM at their defaults whatever the test's were. */
    record Running(Process process, Path out, Path err) {

        /** Sends a signal ({@code INT}, {@code TERM}) to Skiff's JVM (bin/skiff execs java in place). */
        void signal(String name) throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new AssertionError("kill -s " + name + " " + process.pid() + " failed");
            }
        }

        /** What Skiff printed on stderr so far. */
        String stderrSoFar() throws IOException {
            return Files.readString(err, StandardCharsets.UTF_8);
        }

        /** Waits (at most 5 minutes) for Skiff to exit. */
        Result awaitExit() throws IOException, InterruptedException {
            return finish(process, out, err, "bin/skiff (started by a test)");
        }
    }

    /** Starts {@code bin/skiff} and returns at once. */
    static Running start(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT,TERM"));
        command.add(home().resolve("bin/skiff").toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("skiff-out", ".txt");
        Path err = Files.createTempFile("skiff-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        return new Running(builder.start(), out, err);
    }

    private static Result finish(Process process, Path out, Path err, String what) throws IOException, InterruptedException {
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(what + " did not end within 5 minutes");
        }
        try {
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private TestingLauncher() {
    }
}
