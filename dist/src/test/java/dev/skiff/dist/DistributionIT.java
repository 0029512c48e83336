package dev.skiff.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The laid-out tree and its launcher behave as the README promises. */
class DistributionIT {

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theTreeHoldsLauncherBootLayerPluginFoldersConfAndExamples() throws IOException {
        Path home = TestingLauncher.home();

        assertThat(home.resolve("bin/skiff")).isExecutable();
        assertThat(names(home.resolve("lib"))).anyMatch(n -> n.startsWith("skiff-engine-"))
                .anyMatch(n -> n.startsWith("skiff-spi-")).anyMatch(n -> n.startsWith("skiff-executor-local-"))
                .anyMatch(n -> n.startsWith("picocli-")).noneMatch(n -> n.startsWith("skiff-executor-pod-"));
        assertThat(names(home.resolve("plugins"))).containsExactly("artifacts-s3", "auth-eks", "auth-token",
                "executor-pod");
        for (String plugin : List.of("artifacts-s3", "auth-eks", "auth-token", "executor-pod")) {
            assertThat(names(home.resolve("plugins").resolve(plugin))).anyMatch(n -> n.startsWith("skiff-" + plugin + "-"))
                    .noneMatch(n -> n.startsWith("skiff-spi-") || n.startsWith("skiff-engine-"));
        }
        assertThat(home.resolve("conf/controller.yaml")).exists();
        assertThat(home.resolve("examples/hello-world.yaml")).exists();
        assertThat(home.getParent().resolve("skiff-" + names(home.resolve("lib")).stream()
                .filter(n -> n.startsWith("skiff-engine-")).findFirst().orElseThrow()
                .replace("skiff-engine-", "").replace(".jar", "") + ".zip")).exists();
    }

    @Test
    void versionRunsOnTheModulePath() throws Exception {
        TestingLauncher.Result result = TestingLauncher.run(Map.of(), "version");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).startsWith("skiff 0.").contains("java ");
        assertThat(result.stderr()).doesNotContain("SLF4J");
    }

    @Test
    void eksTokenPrintsItsCredentialWithoutSlf4jWarningsOrSecrets() throws Exception {
        // Static (fake) AWS keys: the token is signed locally, no AWS call is made.
        String secretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        TestingLauncher.Result result = TestingLauncher.run(Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", secretKey, "AWS_EC2_METADATA_DISABLED", "true"),
                "auth", "eks-token", "--cluster-name", "spoke-prod", "--region", "eu-west-1");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).startsWith("{\"kind\":\"ExecCredential\"").contains("\"token\":\"k8s-aws-v1.");
        assertThat(result.stderr()).doesNotContain("SLF4J").doesNotContain(secretKey);
    }

    @Test
    void theLauncherSaysClearlyWhenThereIsNoJava21() throws Exception {
        TestingLauncher.Result result = TestingLauncher.run(
                Map.of("JAVA_HOME", "/nonexistent", "PATH", "/usr/bin:/bin", "SKIFF_JDK_DIRS", "/nonexistent"), "version");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("no Java 21 or newer found", "JAVA_HOME");
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void theLauncherSkipsAnOldJavaHomeForANewerJdk() throws Exception {
        String running = ProcessHandle.current().info().command().orElseThrow();
        Path jdk = Path.of(running).getParent().getParent();
        Path fakeOld = Files.createTempDirectory("old-jdk");
        Files.createDirectories(fakeOld.resolve("bin"));
        Files.writeString(fakeOld.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
        Path fakeJava = Files.writeString(fakeOld.resolve("bin/java"), "#!/bin/sh\nexit 99\n");
        fakeJava.toFile().setExecutable(true);

        TestingLauncher.Result result = TestingLauncher.run(Map.of("JAVA_HOME", fakeOld.toString(), "PATH", "/bin",
                "SKIFF_JDK_DIRS", jdk.getParent().toString()), "version");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("java ");
    }

    @Test
    void aMissingWorkflowFileIsExit2WithoutAStackTrace() throws Exception {
        TestingLauncher.Result result = TestingLauncher.run(Map.of(), "run", "/nonexistent/wf.yaml", "-o", "json");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("/nonexistent/wf.yaml: no such file").doesNotContain("Exception");
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void helpSaysThatImagesAreIgnored() throws Exception {
        TestingLauncher.Result result = TestingLauncher.run(Map.of(), "run", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("image is IGNORED");
    }
}
