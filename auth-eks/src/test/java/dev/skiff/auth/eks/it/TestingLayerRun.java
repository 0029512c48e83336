package dev.skiff.auth.eks.it;

import dev.skiff.spi.auth.ClusterAuthProviderFactory;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link TestingPluginLayerMain} in a fresh JVM whose environment is that of a pod with
 * EKS Pod Identity and nothing else from AWS, and collects its {@code key=value} lines.
 */
record TestingLayerRun(int exitCode, Map<String, String> values, String stdout, String stderr) {

    static TestingLayerRun run(Path workDir, Map<String, String> environment, String clockOffset, Map<String, String> settings)
            throws IOException, InterruptedException {
        Path jars = pluginJars(workDir);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", locationOf(ClusterAuthProviderFactory.class),
                "--add-modules", "dev.skiff.spi",
                "-cp", locationOf(TestingPluginLayerMain.class),
                TestingPluginLayerMain.class.getName(), jars.toString(), clockOffset));
        settings.forEach((k, v) -> command.add(k + "=" + v));
        var builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put("HOME", workDir.toString());
        builder.environment().put("AWS_CONFIG_FILE", workDir.resolve("no-aws-config").toString());
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", workDir.resolve("no-aws-credentials").toString());
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        Process process = builder.start();
        var stderr = new CompletableFuture<String>();
        Thread.ofPlatform().daemon().start(() -> stderr.complete(read(process.getErrorStream())));
        String stdout = read(process.getInputStream());
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("the plugin-layer JVM did not finish in 2 minutes");
        }
        Map<String, String> values = new LinkedHashMap<>();
        stdout.lines().filter(l -> l.contains("=")).forEach(l -> values.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        return new TestingLayerRun(process.exitValue(), values, stdout, stderr.join());
    }

    String get(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new AssertionError("the plugin-layer JVM printed no " + key + " (exit " + exitCode + ")\nstdout:\n"
                    + stdout + "\nstderr:\n" + stderr);
        }
        return value;
    }

    /** The plugin's jars, listed in a file for {@link TestingPluginLayerMain}. */
    private static Path pluginJars(Path workDir) throws IOException {
        Path list = workDir.resolve("plugin-jars.txt");
        Files.write(list, TestingPluginFolder.pluginJars().stream().map(Path::toString).toList());
        return list;
    }

    private static String locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
