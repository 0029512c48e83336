package dev.skiff.auth.eks.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The eks plugin laid out as in the distribution ({@code plugins/eks/*.jar}: the plugin's jar and
 * its runtime dependencies), and the class path of the skiff CLI without them. Needs the system
 * properties Failsafe sets from the pom.
 */
final class TestingPluginFolder {

    private TestingPluginFolder() {
    }

    /** The plugin's jars: its own and its runtime dependencies (not the SPI, which the engine has). */
    static List<Path> pluginJars() throws IOException {
        List<Path> jars = new ArrayList<>(List.of(Path.of(property("skiff.pluginJar"))));
        jars.addAll(entries(property("skiff.pluginClasspath")));
        return jars;
    }

    /** A plugins directory holding {@code eks/} with copies of {@link #pluginJars()}. */
    static Path create(Path parent) throws IOException {
        Path eks = Files.createDirectories(parent.resolve("plugins").resolve("eks"));
        for (Path jar : pluginJars()) {
            Files.copy(jar, eks.resolve(jar.getFileName()));
        }
        return eks.getParent();
    }

    /** The engine and its dependencies, for running {@code dev.skiff.engine.cli.SkiffMain}. */
    static String cliClasspath() throws IOException {
        Set<Path> plugin = Set.copyOf(pluginJars());
        return entries(property("skiff.testClasspath")).stream()
                .filter(p -> !plugin.contains(p))
                .map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static List<Path> entries(String classpathFile) throws IOException {
        return Arrays.stream(Files.readString(Path.of(classpathFile)).strip().split(File.pathSeparator))
                .filter(s -> !s.isBlank()).map(Path::of).toList();
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("run this test with Failsafe (mvn verify): it needs the system property " + name);
        }
        return value;
    }
}
