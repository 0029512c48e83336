package dev.skiff.engine.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader with the engine on a real module path: a child JVM gets the engine, the SPI and
 * their dependencies as modules, and loads plugin jars compiled at test time.
 */
class PluginLayersIT {

    @TempDir
    Path root;

    @Test
    void pluginsLoadInTheirOwnLayersOverTheBootLayerWhenTheEngineIsAModule() throws Exception {
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        TestingPlugins.good(plugins, "acme-auth", "test.acme", "acme", "2.3.4");
        TestingPlugins.good(plugins, "other-auth", "test.other", "other", "1.0");
        TestingPlugins.bundlesSpi(plugins, "bundler");
        TestingPlugins.missingDependency(plugins, "needy");
        TestingPlugins.throwingFactory(plugins, "thrower");
        dev.skiff.engine.cli.TestingPluginsFolder.authToken(root);
        // a folder carrying an automatic module the engine has too (as executor-pod carries client-java's)
        TestingPlugins.good(plugins, "with-shared-jar", "test.shared", "shared", "1.0");
        Path swagger = Path.of(Arrays.stream(Files.readString(Path.of("target/runtime-classpath.txt")).strip()
                .split(File.pathSeparator)).filter(e -> e.contains("swagger-annotations")).findFirst().orElseThrow());
        Files.copy(swagger, plugins.resolve("with-shared-jar").resolve(swagger.getFileName()));

        List<String> out = runEngineOnModulePath(plugins);

        assertThat(out).contains(
                "engine-module=dev.skiff.engine layer-is-boot=true",
                "plugin acme-auth modules=[test.acme] version=2.3.4 providers=[acme] parent-is-boot=true",
                "plugin other-auth modules=[test.other] version=1.0 providers=[other] parent-is-boot=true",
                "plugin with-shared-jar modules=[test.shared] version=1.0 providers=[shared] parent-is-boot=true",
                "problem BUNDLES_SPI bundler",
                "problem MISSING_DEPENDENCY needy",
                "problem FACTORY_FAILED thrower",
                "create acme server=https://tccl-ok.example",
                "create other server=https://tccl-ok.example",
                "create token failed: IllegalArgumentException: cluster 'c': auth key 'server' is required: the API"
                        + " server's URL [plugin auth-token in " + plugins.resolve("auth-token") + "]");
        assertThat(out).anyMatch(line -> line.matches("plugin auth-token modules=\\[dev.skiff.auth.token\\]"
                + " version=\\S+ providers=\\[token, kubeconfig, in-cluster\\] parent-is-boot=true"));
    }

    private static List<String> runEngineOnModulePath(Path plugins) throws IOException, InterruptedException {
        List<String> modulePath = new ArrayList<>();
        modulePath.add(Path.of("target/classes").toAbsolutePath().toString());
        modulePath.addAll(Arrays.asList(Files.readString(Path.of("target/runtime-classpath.txt")).strip()
                .split(File.pathSeparator)));
        String testClasses = Path.of("target/test-classes").toAbsolutePath().toString();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "--module-path", String.join(File.pathSeparator, modulePath),
                "--add-modules", "ALL-MODULE-PATH",
                "--add-exports", "dev.skiff.engine/dev.skiff.engine.plugin=ALL-UNNAMED",
                "-cp", testClasses, "dev.skiff.testing.loader.TestingLoaderMain", plugins.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return Arrays.asList(output.split("\n"));
    }
}
