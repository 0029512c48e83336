package dev.skiff.auth.eks.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Drives {@link TestingClusterClientMain} in a JVM of its own whose environment is a pod's with
 * EKS Pod Identity (and nothing else from AWS): one {@link #check()} per cluster check, with the
 * token source's counts as they stand after it.
 */
final class TestingClusterClient implements AutoCloseable {

    /** A token the cluster client was handed: the access key id that signed it and a short hash of it. */
    record Token(String keyId, String hash) {
        static Token parse(String text) {
            return new Token(text.substring(0, text.indexOf('#')), text.substring(text.indexOf('#') + 1));
        }
    }

    /** One check's result and the token source's counts since the process started. */
    record Check(boolean ok, String name, String identity, String error, String result, int refreshes,
            List<Token> handedOut) {
    }

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();
    private final Thread stderrDrain;

    private TestingClusterClient(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = process.outputWriter(StandardCharsets.UTF_8);
        this.stderrDrain = Thread.ofPlatform().daemon().name("cluster-client-stderr").start(this::drain);
    }

    static TestingClusterClient start(Path workDir, Map<String, String> environment, Path config, Path plugins,
            String cluster) throws IOException {
        Path logging = Files.writeString(workDir.resolve("cluster-client-logging.properties"), """
                handlers = java.util.logging.ConsoleHandler
                java.util.logging.ConsoleHandler.level = FINE
                .level = INFO
                dev.skiff.level = FINE
                """);
        var command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.util.logging.config.file=" + logging,
                "-cp", TestingPluginFolder.cliClasspath() + java.io.File.pathSeparator + testClasses(),
                TestingClusterClientMain.class.getName(), config.toString(), plugins.toString(), cluster);
        var builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().clear();
        builder.environment().putAll(TestingSkiff.isolation(workDir));
        builder.environment().putAll(environment);
        var client = new TestingClusterClient(builder.start());
        String ready = client.line();
        if (!"ready".equals(ready)) {
            client.close();
            throw new IllegalStateException("the cluster client did not start; it said " + ready + "\n" + client.output());
        }
        return client;
    }

    /** Checks the cluster once (its version, then a SelfSubjectReview). */
    Check check() throws IOException {
        Map<String, String> values = ask("check");
        String handedOut = values.get("handedOut");
        return new Check(Boolean.parseBoolean(values.get("ok")), values.get("name"), values.get("identity"),
                values.get("error"), values.get("result"), Integer.parseInt(values.get("refreshes")),
                handedOut.isEmpty() ? List.of() : Arrays.stream(handedOut.split(",")).map(Token::parse).toList());
    }

    /**
     * The HTTP status the cluster gives the provider's current (cached) token, sent once without
     * refresh or retry; the token source's counts do not change.
     */
    int probe() throws IOException {
        return Integer.parseInt(ask("probe").get("status"));
    }

    private Map<String, String> ask(String command) throws IOException {
        in.write(command + "\n");
        in.flush();
        Map<String, String> values = new LinkedHashMap<>();
        for (String line; !"end".equals(line = line()); ) {
            if (line == null) {
                throw new IllegalStateException("the cluster client ended during a " + command + "\n" + output());
            }
            values.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
        }
        return values;
    }

    /** What the process printed, standard output and error (its logs); complete once closed. */
    String output() {
        return stdout + "\n" + stderr;
    }

    private String line() throws IOException {
        String line = out.readLine();
        if (line != null) {
            stdout.append(line).append('\n');
        }
        return line;
    }

    private void drain() {
        try (var err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = err.readLine()) != null; ) {
                stderr.append(line).append('\n');
            }
        } catch (IOException e) {
            stderr.append("(stderr ended: ").append(e.getMessage()).append(")\n");
        }
    }

    private static String testClasses() {
        try {
            return Path.of(TestingClusterClientMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Closes its standard input, which ends it (closing the registry); kills it if it lingers.
     * Returns once all its output is read.
     */
    @Override
    public void close() throws IOException {
        try {
            in.close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            for (String line; (line = out.readLine()) != null; ) {
                stdout.append(line).append('\n');
            }
            stderrDrain.join();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
