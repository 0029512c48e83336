package dev.skiff.engine.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Builds the plugin folders the loader tests drop into a temporary {@code plugins/} directory. */
public final class TestingPlugins {

    private TestingPlugins() {
    }

    /** A working plugin: module {@code module} providing auth type {@code provider}. */
    public static Path good(Path plugins, String folder, String module, String provider, String version)
            throws IOException {
        String pkg = module.replace('-', '_');
        return TestingPluginJars.moduleJar(plugins.resolve(folder).resolve(module + ".jar"), version, Map.of(
                "module-info.java", TestingPluginJars.moduleInfo(module, "requires dev.skiff.spi;",
                        "provides dev.skiff.spi.auth.ClusterAuthProviderFactory with " + pkg + ".Factory;"),
                pkg.replace('.', '/') + "/Factory.java", TestingPluginJars.authFactory(pkg, "Factory", provider, "")));
    }

    /** A plugin whose factory's constructor throws. */
    public static Path throwingFactory(Path plugins, String folder) throws IOException {
        return TestingPluginJars.moduleJar(plugins.resolve(folder).resolve("thrower.jar"), "1.0", Map.of(
                "module-info.java", TestingPluginJars.moduleInfo("test.thrower", "requires dev.skiff.spi;",
                        "provides dev.skiff.spi.auth.ClusterAuthProviderFactory with test.thrower.Factory;"),
                "test/thrower/Factory.java", TestingPluginJars.authFactory("test.thrower", "Factory", "thrower",
                        "public Factory() { throw new IllegalStateException(\"no license key found\"); }")));
    }

    /** A plugin requiring a module that is nowhere. */
    public static Path missingDependency(Path plugins, String folder) throws IOException {
        Path absent = plugins.getParent().resolve("absent-lib");
        TestingPluginJars.moduleJar(absent.resolve("absent.jar"), "1.0", Map.of(
                "module-info.java", TestingPluginJars.moduleInfo("test.absent.lib", "exports test.absent.lib;"),
                "test/absent/lib/Lib.java", "package test.absent.lib; public class Lib {}"));
        return TestingPluginJars.moduleJar(plugins.resolve(folder).resolve("needy.jar"), "1.0", Map.of(
                "module-info.java", TestingPluginJars.moduleInfo("test.needy", "requires dev.skiff.spi;",
                        "requires test.absent.lib;",
                        "provides dev.skiff.spi.auth.ClusterAuthProviderFactory with test.needy.Factory;"),
                "test/needy/Factory.java", TestingPluginJars.authFactory("test.needy", "Factory", "needy",
                        "static { System.out.println(test.absent.lib.Lib.class); }")), absent);
    }

    /** A plugin folder that carries its own module named dev.skiff.spi. */
    public static Path bundlesSpi(Path plugins, String folder) throws IOException {
        good(plugins, folder, "test.bundler", "bundler", "1.0");
        Path work = Files.createTempDirectory(plugins.getParent(), "spi-copy");
        Path copy = plugins.resolve(folder).resolve("skiff-spi-0.1.0.jar");
        Path spi = TestingPluginJars.spiLocation();
        if (Files.isDirectory(spi)) {
            TestingPluginJars.jar(spi, copy);
        } else {
            Files.copy(spi, copy);
        }
        Files.delete(work);
        return copy;
    }

    /** A folder whose only jar is not a zip file at all. */
    public static Path notAJar(Path plugins, String folder) throws IOException {
        Files.createDirectories(plugins.resolve(folder));
        return Files.writeString(plugins.resolve(folder).resolve("plugin.jar"), "this is not a zip file");
    }

    /** A module that provides nothing. */
    public static Path noProviders(Path plugins, String folder) throws IOException {
        return TestingPluginJars.moduleJar(plugins.resolve(folder).resolve("idle.jar"), "1.0", Map.of(
                "module-info.java", TestingPluginJars.moduleInfo("test.idle", "requires dev.skiff.spi;"),
                "test/idle/Nothing.java", "package test.idle; public class Nothing {}"));
    }
}
