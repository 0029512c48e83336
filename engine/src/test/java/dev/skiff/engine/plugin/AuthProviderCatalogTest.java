package dev.skiff.engine.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.plugin.PluginProblem.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthProviderCatalogTest {

    @TempDir
    Path root;

    @Test
    void aProviderNameOfferedByTwoPluginsIsLeftOutAndBothFoldersAreReported() throws IOException {
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        TestingPlugins.good(plugins, "first", "test.first", "dup", "1");
        TestingPlugins.good(plugins, "second", "test.second", "dup", "1");
        TestingPlugins.good(plugins, "third", "test.third", "unique", "1");
        var catalog = AuthProviderCatalog.of(new PluginLoader().load(plugins));
        assertThat(catalog.names()).containsExactly("unique");
        assertThat(catalog.find("dup")).isEmpty();
        assertThat(catalog.problems()).extracting(PluginProblem::folder)
                .containsExactly(plugins.resolve("first"), plugins.resolve("second"));
        assertThat(catalog.problems()).extracting(PluginProblem::kind).containsOnly(Kind.DUPLICATE_PROVIDER);
        assertThat(catalog.problems().getFirst().message()).isEqualTo("plugin folder " + plugins.resolve("first")
                + " provides auth type 'dup', which [" + plugins.resolve("first") + ", " + plugins.resolve("second")
                + "] all provide; the name is ambiguous and left out: remove all but one of them");
        assertThat(catalog.whyMissing("dup")).startsWith("unknown auth type 'dup'; known types: [unique]")
                .contains("provides auth type 'dup'");
    }

    @Test
    void anUnknownTypeListsTheKnownOnesAndThePluginsThatFailed() throws IOException {
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        TestingPlugins.good(plugins, "tok", "test.tok", "token", "1");
        TestingPlugins.throwingFactory(plugins, "eks");
        var catalog = AuthProviderCatalog.of(new PluginLoader().load(plugins));
        assertThat(catalog.whyMissing("eks")).isEqualTo("unknown auth type 'eks'; known types: [token]."
                + " Plugins that failed to load (one may provide it): plugin folder " + plugins.resolve("eks")
                + " has a ClusterAuthProviderFactory that fails when created: IllegalStateException: no license key found");
    }
}
