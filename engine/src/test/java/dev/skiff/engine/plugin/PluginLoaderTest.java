package dev.skiff.engine.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.engine.plugin.PluginProblem.Kind;
import dev.skiff.spi.auth.AuthContext;
import dev.skiff.spi.auth.ClusterAuthConfig;
import dev.skiff.spi.auth.SecretSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin jars compiled at test time, dropped into a temporary plugins/ folder. Runs with the
 * engine on the class path (see PluginLayersIT for the module path).
 */
class PluginLoaderTest {

    @TempDir
    Path root;

    private Path plugins() throws IOException {
        return Files.createDirectories(root.resolve("plugins"));
    }

    static AuthContext context(Path dir) {
        return new AuthContext() {
            public Clock clock() {
                return Clock.systemUTC();
            }

            public Path configDirectory() {
                return dir;
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

    @Test
    void discoversAPluginInItsOwnLayerAndUsesItsFactory() throws IOException {
        Path plugins = plugins();
        TestingPlugins.good(plugins, "acme-auth", "test.acme", "acme", "2.3.4");
        PluginSet set = new PluginLoader().load(plugins);
        assertThat(set.problems()).isEmpty();
        Plugin plugin = set.plugins().getFirst();
        assertThat(plugin.name()).isEqualTo("acme-auth");
        assertThat(plugin.modules()).containsExactly("test.acme");
        assertThat(plugin.version()).isEqualTo("2.3.4");
        assertThat(plugin.providerNames()).containsExactly("acme");
        assertThat(plugin.layer().findModule("test.acme")).isPresent();
        assertThat(plugin.layer().parents()).doesNotContain(ModuleLayer.boot().parents().toArray(ModuleLayer[]::new));
        var factory = plugin.authFactories().getFirst();
        var creds = factory.create(new ClusterAuthConfig("c", Map.of()), context(root)).credentials();
        assertThat(creds.server()).hasToString("https://tccl-ok.example");
    }

    @Test
    void eachFolderGetsItsOwnLayerAndLoader() throws IOException {
        Path plugins = plugins();
        TestingPlugins.good(plugins, "a", "test.a", "alpha", "1");
        TestingPlugins.good(plugins, "b", "test.b", "beta", "1");
        PluginSet set = new PluginLoader().load(plugins);
        assertThat(set.plugins()).extracting(Plugin::name).containsExactly("a", "b");
        assertThat(set.plugins().get(0).layer()).isNotSameAs(set.plugins().get(1).layer());
        assertThat(set.plugins().get(0).classLoader()).isNotSameAs(set.plugins().get(1).classLoader());
        assertThat(set.plugins().get(1).layer().findModule("test.a")).isEmpty();
    }

    @Test
    void aBrokenPluginIsReportedWithItsFolderAndTheOthersStillLoad() throws IOException {
        Path plugins = plugins();
        TestingPlugins.good(plugins, "good", "test.good", "good", "1");
        TestingPlugins.notAJar(plugins, "broken");
        PluginSet set = new PluginLoader().load(plugins);
        assertThat(set.plugins()).extracting(Plugin::name).containsExactly("good");
        assertThat(set.problems()).singleElement().satisfies(p -> {
            assertThat(p.folder()).isEqualTo(plugins.resolve("broken"));
            assertThat(p.kind()).isEqualTo(Kind.NOT_A_MODULE);
            assertThat(p.message()).startsWith("plugin folder " + plugins.resolve("broken")
                    + " holds a jar that is not a valid module:");
        });
    }

    @Test
    void aFolderBundlingTheSpiIsRejected() throws IOException {
        Path plugins = plugins();
        TestingPlugins.bundlesSpi(plugins, "bundler");
        PluginProblem problem = new PluginLoader().load(plugins).problems().getFirst();
        assertThat(problem.kind()).isEqualTo(Kind.BUNDLES_SPI);
        assertThat(problem.message()).isEqualTo("plugin folder " + plugins.resolve("bundler")
                + " bundles Skiff's own SPI or engine (module dev.skiff.spi in skiff-spi-0.1.0.jar); remove it from"
                + " the folder: plugins get the SPI from the engine (mark skiff-spi as provided in the plugin's pom)");
    }

    @Test
    void aMissingDependencyIsNamed() throws IOException {
        Path plugins = plugins();
        TestingPlugins.missingDependency(plugins, "needy");
        PluginProblem problem = new PluginLoader().load(plugins).problems().getFirst();
        assertThat(problem.kind()).isEqualTo(Kind.MISSING_DEPENDENCY);
        assertThat(problem.message()).startsWith("plugin folder " + plugins.resolve("needy") + " cannot be resolved:")
                .contains("test.absent.lib").contains("test.needy").endsWith("add the missing jar to the folder");
    }

    @Test
    void aFactoryThatThrowsWhenCreatedIsReported() throws IOException {
        Path plugins = plugins();
        TestingPlugins.throwingFactory(plugins, "thrower");
        PluginProblem problem = new PluginLoader().load(plugins).problems().getFirst();
        assertThat(problem.kind()).isEqualTo(Kind.FACTORY_FAILED);
        assertThat(problem.message()).isEqualTo("plugin folder " + plugins.resolve("thrower")
                + " has a ClusterAuthProviderFactory that fails when created: IllegalStateException: no license key found");
    }

    @Test
    void aFolderWithoutProvidersIsReported() throws IOException {
        Path plugins = plugins();
        TestingPlugins.noProviders(plugins, "idle");
        PluginProblem problem = new PluginLoader().load(plugins).problems().getFirst();
        assertThat(problem.kind()).isEqualTo(Kind.NO_PROVIDERS);
        assertThat(problem.message()).startsWith("plugin folder " + plugins.resolve("idle") + " provides no Skiff service");
    }

    @Test
    void anEmptyFolderAndAStrayJarAreNotModules() throws IOException {
        Path plugins = plugins();
        Files.createDirectories(plugins.resolve("empty"));
        Files.writeString(plugins.resolve("stray.jar"), "x");
        var problems = new PluginLoader().load(plugins).problems();
        assertThat(problems).extracting(PluginProblem::message).containsExactly(
                "plugin folder " + plugins.resolve("empty") + " holds no jar files",
                "plugin folder " + plugins.resolve("stray.jar") + " is not a folder; a plugin is a folder of module"
                        + " jars (put stray.jar into plugins/<name>/)");
        assertThat(problems).extracting(PluginProblem::kind).containsOnly(Kind.NOT_A_MODULE);
    }

    @Test
    void aFactoryFailingInCreateIsWrappedWithThePluginAndFolder() throws IOException {
        Path plugins = plugins();
        TestingPlugins.good(plugins, "acme", "test.acme", "acme", "1");
        var factory = new PluginLoader().load(plugins).plugins().getFirst().authFactories().getFirst();
        assertThatThrownBy(() -> factory.create(new ClusterAuthConfig("c", Map.of("server", "explode")), context(root)))
                .isInstanceOf(PluginException.class)
                .hasMessage("plugin acme (" + plugins.resolve("acme") + ") failed: IllegalStateException: boom in create");
    }

    @Test
    void aMissingPluginsDirectoryHasNoPlugins() {
        assertThat(new PluginLoader().load(root.resolve("nowhere"))).isEqualTo(PluginSet.empty());
    }
}
