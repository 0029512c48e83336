package dev.skiff.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one external command to its end and keeps its exit code and output. */
record CommandRun(int exitCode, String stdout, String stderr) {

    static CommandRun of(List<String> command, Map<String, String> environment, Duration timeout) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("skiff-testbed-", ".out");
            err = Files.createTempFile("skiff-testbed-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new TestbedException("'" + describe(command) + "' did not finish within " + timeout);
            }
            return new CommandRun(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new TestbedException("could not run '" + describe(command) + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestbedException("interrupted while running '" + describe(command) + "'", e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    boolean succeeded() {
        return exitCode == 0;
    }

    /** The program and its first argument only: later arguments may carry tokens. */
    static String describe(List<String> command) {
        return String.join(" ", command.subList(0, Math.min(2, command.size())))
                + (command.size() > 2 ? " ..." : "");
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }
}
