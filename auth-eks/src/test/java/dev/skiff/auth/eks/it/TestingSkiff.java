package dev.skiff.auth.eks.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the skiff CLI in a JVM of its own whose environment is a pod's with EKS Pod Identity, and
 * nothing else from AWS (no keys, no profile, no instance metadata).
 */
record TestingSkiff(int exitCode, String out, String err) {

    static List<String> command(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", TestingPluginFolder.cliClasspath(), "dev.skiff.engine.cli.SkiffMain"));
        command.addAll(List.of(args));
        return command;
    }

    /** What a pod sees besides the Pod Identity variables: no other AWS credentials source. */
    static Map<String, String> isolation(Path home) {
        return Map.of("HOME", home.toString(),
                "AWS_CONFIG_FILE", home.resolve("no-aws-config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-aws-credentials").toString(),
                "AWS_EC2_METADATA_DISABLED", "true");
    }

    static TestingSkiff run(Path workDir, Map<String, String> environment, String... args) throws IOException, InterruptedException {
        var builder = new ProcessBuilder(command(args)).directory(workDir.toFile());
        builder.environment().clear();
        builder.environment().putAll(isolation(workDir));
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        var err = new CompletableFuture<String>();
        Thread.ofPlatform().daemon().start(() -> err.complete(read(process.getErrorStream())));
        String out = read(process.getInputStream());
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("skiff did not finish in 2 minutes");
        }
        return new TestingSkiff(process.exitValue(), out, err.join());
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
