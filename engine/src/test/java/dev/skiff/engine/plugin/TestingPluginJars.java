package dev.skiff.engine.plugin;

import dev.skiff.spi.auth.ClusterAuthProviderFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles Java sources with javax.tools and packs them into a jar, at test time. */
public final class TestingPluginJars {

    private TestingPluginJars() {
    }

    /** Where the SPI's classes are (a jar, or an exploded module directory). */
    public static Path spiLocation() {
        try {
            return Path.of(ClusterAuthProviderFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Compiles {@code sources} (file path in the source tree -> content) as one module against
     * the SPI and {@code modulePath}, and writes {@code jar}.
     */
    public static Path moduleJar(Path jar, String version, Map<String, String> sources, Path... modulePath)
            throws IOException {
        Path work = Files.createTempDirectory("skiff-plugin-build-");
        Path src = work.resolve("src");
        Path out = Files.createDirectories(work.resolve("out"));
        List<String> files = new ArrayList<>();
        for (var e : sources.entrySet()) {
            Path file = src.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            files.add(file.toString());
        }
        List<String> mp = new ArrayList<>();
        mp.add(spiLocation().toString());
        for (Path p : modulePath) {
            mp.add(p.toString());
        }
        List<String> args = new ArrayList<>(List.of("--release", "21", "-d", out.toString(),
                "--module-path", String.join(java.io.File.pathSeparator, mp)));
        if (!version.isEmpty()) {
            args.addAll(List.of("--module-version", version));
        }
        args.addAll(files);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        var errors = new java.io.ByteArrayOutputStream();
        int rc = javac.run(null, errors, errors, args.toArray(String[]::new));
        if (rc != 0) {
            throw new IllegalStateException("test plugin did not compile: " + errors);
        }
        Files.createDirectories(jar.toAbsolutePath().getParent());
        jar(out, jar);
        try (Stream<Path> walk = Files.walk(work)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        return jar;
    }

    /** Packs a directory into a jar. */
    public static void jar(Path classes, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
                Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
    }

    /** Source of a module-info. */
    public static String moduleInfo(String name, String... lines) {
        return "module " + name + " {\n" + String.join("\n", lines) + "\n}\n";
    }

    /**
     * An auth factory class named {@code pkg.cls}, provider name {@code name}; {@code body} is
     * Java inserted in the class (may declare a constructor). Its provider's server is
     * {@code https://tccl-ok.example} when the context class loader is the plugin's during create.
     */
    public static String authFactory(String pkg, String cls, String name, String body) {
        return """
                package %s;

                import dev.skiff.spi.auth.*;
                import java.net.URI;
                import java.util.Optional;
                import java.util.Set;

                public class %s implements ClusterAuthProviderFactory {
                    %s
                    public String name() { return "%s"; }
                    public Set<String> configKeys() { return Set.of("server"); }
                    public ClusterAuthProvider create(ClusterAuthConfig config, AuthContext context) {
                        if ("explode".equals(config.settings().get("server"))) {
                            throw new IllegalStateException("boom in create");
                        }
                        boolean tccl = Thread.currentThread().getContextClassLoader() == getClass().getClassLoader();
                        URI server = URI.create("https://" + (tccl ? "tccl-ok" : "tccl-wrong") + ".example");
                        ClusterCredentials c = new ClusterCredentials(server, Optional.empty(), Optional.empty(),
                                Optional.empty(), false);
                        return () -> c;
                    }
                }
                """.formatted(pkg, cls, body, name);
    }
}
