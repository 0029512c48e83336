package dev.skiff.testing.loader;

import dev.skiff.engine.plugin.AuthProviderCatalog;
import dev.skiff.engine.plugin.Plugin;
import dev.skiff.engine.plugin.PluginLoader;
import dev.skiff.engine.plugin.PluginProblem;
import dev.skiff.engine.plugin.PluginSet;
import dev.skiff.spi.auth.AuthContext;
import dev.skiff.spi.auth.ClusterAuthConfig;
import dev.skiff.spi.auth.SecretSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Run in a JVM whose engine is on the module path (see PluginLayersIT): loads a plugins folder
 * and prints what it found, one fact per line.
 */
public final class TestingLoaderMain {

    private TestingLoaderMain() {
    }

    public static void main(String[] args) {
        Module engine = PluginLoader.class.getModule();
        System.out.println("engine-module=" + engine.getName() + " layer-is-boot=" + (engine.getLayer() == ModuleLayer.boot()));
        PluginSet set = new PluginLoader().load(Path.of(args[0]));
        for (Plugin p : set.plugins()) {
            boolean parentIsBoot = p.layer().parents().contains(ModuleLayer.boot());
            System.out.println("plugin " + p.name() + " modules=" + p.modules() + " version=" + p.version()
                    + " providers=" + p.providerNames() + " parent-is-boot=" + parentIsBoot);
        }
        for (PluginProblem problem : set.problems()) {
            System.out.println("problem " + problem.kind() + " " + problem.folder().getFileName());
        }
        var catalog = AuthProviderCatalog.of(set);
        for (String name : catalog.names()) {
            try {
                var server = catalog.find(name).orElseThrow().factory()
                        .create(new ClusterAuthConfig("c", Map.of()), context()).credentials().server();
                System.out.println("create " + name + " server=" + server);
            } catch (RuntimeException e) {
                System.out.println("create " + name + " failed: " + e.getClass().getSimpleName() + ": "
                        + e.getMessage());
            }
        }
    }

    private static AuthContext context() {
        return new AuthContext() {
            public Clock clock() {
                return Clock.systemUTC();
            }

            public Path configDirectory() {
                return Path.of(".");
            }

            public SecretSource secrets() {
                return SecretSource.NONE;
            }

            public Map<String, String> environment() {
                return Map.of();
            }

            public System.Logger logger() {
                return System.getLogger("test");
            }
        };
    }
}
