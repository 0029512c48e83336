package dev.skiff.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.plugin.TestingPlugins;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code skiff clusters} without any cluster: config and plugin errors. */
class ClustersCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        CliIo io = new CliIo(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), InputStream.nullInputStream(), TerminalInfo.NONE,
                env, dir, Clock.systemUTC());
        return SkiffMain.execute(io, args);
    }

    @Test
    void anUnknownConfigKeyIsExit2WithTheKnownKeysAndNoStackTrace() throws IOException {
        Files.writeString(dir.resolve("controller.yaml"), "cluster: {}\n");
        assertThat(run(Map.of(), "clusters", "--config", "controller.yaml")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("skiff: " + dir.resolve("controller.yaml")
                + ": the document has unknown key 'cluster'; known keys: instanceId, namespace, clusters,"
                + " clusterSecret, workflowSources, workers, qps, burst, port, maxWorkflowSize, leaderElection,"
                + " executor, tenants, clusterUnreachableTimeout\n");
    }

    @Test
    void anEmptyConfigSaysThatNothingWasChecked() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        for (String text : new String[] {"", "# controller config, to be written\n"}) {
            Files.writeString(dir.resolve("empty.yaml"), text);
            out.reset();
            err.reset();
            assertThat(run(Map.of(), "clusters", "--config", "empty.yaml", "--plugins", plugins.toString())).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("(?m)^in-cluster .* SKIPPED: ");
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("skiff: nothing was checked: "
                    + dir.resolve("empty.yaml") + " is empty, so every setting is its default and the implicit"
                    + " in-cluster cluster is checked only inside a pod; add clusters under 'clusters:'\n");
        }
    }

    @Test
    void aConfigWithoutClustersSaysThatNothingWasChecked() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.writeString(dir.resolve("controller.yaml"), "instanceId: blue\n");
        assertThat(run(Map.of(), "clusters", "--config", "controller.yaml", "--plugins", plugins.toString())).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("skiff: nothing was checked: "
                + dir.resolve("controller.yaml") + " configures no cluster, and the implicit in-cluster cluster is"
                + " checked only inside a pod; add clusters under 'clusters:'\n");
    }

    @Test
    void aConfigThatIsABareStringOrListIsExit2NamingTheFile() throws IOException {
        Files.writeString(dir.resolve("string.yaml"), "clusters\n");
        assertThat(run(Map.of(), "clusters", "--config", "string.yaml")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("skiff: " + dir.resolve("string.yaml")
                + ": the document is a string, but a controller config is a map of keys (instanceId, namespace,"
                + " clusters, clusterSecret, workflowSources, workers, qps, burst, port, maxWorkflowSize, leaderElection, executor, tenants, clusterUnreachableTimeout); see conf/controller.yaml of the distribution\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        err.reset();
        Files.writeString(dir.resolve("list.yaml"), "- hub\n- spoke\n");
        assertThat(run(Map.of(), "clusters", "--config", "list.yaml")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("skiff: " + dir.resolve("list.yaml")
                + ": the document is a list, but");
    }

    @Test
    void aMissingConfigFileIsExit2() {
        assertThat(run(Map.of(), "clusters", "--config", "nope.yaml")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("skiff: cannot read config file");
    }

    @Test
    void aClusterWhosePluginIsBrokenFailsNamingThePluginFolder() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("home/plugins"));
        TestingPlugins.throwingFactory(plugins, "auth-acme");
        Files.writeString(dir.resolve("controller.yaml"), """
                clusterSecret: {enabled: false}
                clusters:
                  prod:
                    auth: {type: acme, server: "https://prod.example"}
                """);
        int exit = run(Map.of("SKIFF_HOME", dir.resolve("home").toString()), "clusters", "--config", "controller.yaml");
        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("(?m)^prod +- +acme +- +- +ERROR: cluster"
                + " 'prod': unknown auth type 'acme'; known types: \\[\\]. Plugins that failed to load \\(one may"
                + " provide it\\): plugin folder " + java.util.regex.Pattern.quote(plugins.resolve("auth-acme").toString())
                + " has a ClusterAuthProviderFactory that fails when created: IllegalStateException: no license key found$")
                .containsPattern("(?m)^in-cluster .* SKIPPED: .*unknown auth type 'in-cluster'");
    }
}
