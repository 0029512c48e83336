package dev.skiff.engine.cli;

import dev.skiff.engine.plugin.TestingPluginJars;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Lays out the auth-token plugin as the distribution does: a folder with its jar and its
 * dependency closure (Jackson and SnakeYAML), taken from the test class path.
 */
public final class TestingPluginsFolder {

    private static final List<String> CLOSURE = List.of("jackson-databind", "jackson-core", "jackson-annotations",
            "jackson-dataformat-yaml", "snakeyaml");

    private TestingPluginsFolder() {
    }

    /** Creates {@code plugins/auth-token/} under {@code root} and returns {@code plugins/}. */
    public static Path authToken(Path root) throws IOException {
        Path folder = Files.createDirectories(root.resolve("plugins/auth-token"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            String name = path.getFileName().toString();
            if (entry.contains("auth-token") && !entry.contains("test-classes")) {
                if (Files.isDirectory(path)) {
                    TestingPluginJars.jar(path, folder.resolve("skiff-auth-token.jar"));
                } else {
                    Files.copy(path, folder.resolve(name));
                }
            } else if (CLOSURE.stream().anyMatch(name::startsWith) && name.endsWith(".jar")) {
                Files.copy(path, folder.resolve(name));
            }
        }
        return folder.getParent();
    }
}
