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
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("bin/skiff " + String.join(" ", args) + " did not end within 5 minutes");
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
