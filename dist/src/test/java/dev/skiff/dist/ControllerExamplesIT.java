package dev.skiff.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every shipped example ends through {@code bin/skiff submit FILE --wait -o json}, run by the built
 * {@code bin/skiff controller} with the {@code pod} executor on the testbed (pods run by the process kubelet with
 * Argo's real argoexec), as it ends through {@code bin/skiff run FILE -o json}: the same exit code, the same
 * phase and the same node tree (each node's name below the workflow, type and phase).
 *
 * <p>The submissions run all at once, the local runs beside them. Artifacts go to an S3 store on the loopback
 * ({@link TestingS3Store}, the namespace's default artifact repository as Argo finds it), where argoexec saves and
 * loads them. An example that {@code skiff run} refuses (exit 2: something only a pod has, such as a secret or a
 * sidecar) but the controller runs is reported, not failed. Differences the controller has for a reason are
 * listed with it in {@code src/test/resources/controller-example-differences.txt}: reported as aborted while they
 * differ, failed once they do not; a reason starting with {@code host:} depends on this machine and passes either
 * way. Images are ignored on both sides: the local runner and the testbed's kubelet run the commands on this host
 * ({@code python3}, {@code sh}, ...), so an example whose commands need its image's own files would fail on
 * both.
 */
@Testbed
class ControllerExamplesIT {

    private static final Path OUT = Path.of("target/controller-examples").toAbsolutePath();
    private static final String NAMESPACE = "skiff-examples";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestbedCluster hub;
    private TestingSkiffController controller;
    private TestingS3Store store;
    private ExecutorService submissions;
    private ExecutorService localRuns;
    private Instant started;

    @TestFactory
    Stream<DynamicTest> everyExampleEndsThroughTheControllerAsSkiffRunEndsIt(TestbedCluster hub) throws Exception {
        this.hub = hub;
        List<String> examples = ExamplesIT.examples().toList();
        Map<String, String> differences = differences();
        assertThat(examples).as("controller-example-differences.txt names only examples")
                .containsAll(differences.keySet());
        TestingSkiffController.createNamespace(hub, NAMESPACE);
        TestingSkiffController.prepareNamespace(hub, NAMESPACE);
        store = TestingS3Store.start(TestingLauncher.home().getParent().getParent().getParent(), OUT);
        store.becomeTheDefaultRepositoryOf(hub, NAMESPACE, OUT);
        controller = TestingSkiffController.start(hub, NAMESPACE, OUT);
        Path home = Files.createDirectories(OUT.resolve("home"));
        Map<String, String> env = Map.of("KUBECONFIG", hub.kubeconfig().toString(), "HOME", home.toString());
        started = Instant.now();
        submissions = Executors.newFixedThreadPool(examples.size());
        localRuns = Executors.newFixedThreadPool(2);
        Map<String, CompletableFuture<TestingLauncher.Result>> submitted = new LinkedHashMap<>();
        Map<String, CompletableFuture<TestingLauncher.Result>> ran = new LinkedHashMap<>();
        for (String example : examples) {
            String file = TestingLauncher.home().resolve("examples").resolve(example).toString();
            submitted.put(example, CompletableFuture.supplyAsync(() -> launch(env, "submit", file, "-n", NAMESPACE,
                    "--wait", "-o", "json"), submissions));
            ran.put(example, CompletableFuture.supplyAsync(() -> launch(Map.of(), "run", file, "-o", "json"),
                    localRuns));
        }
        return examples.stream().map(example -> DynamicTest.dynamicTest(example, () -> compare(example,
                ran.get(example).join(), submitted.get(example).join(), differences.get(example))));
    }

    private void compare(String example, TestingLauncher.Result run, TestingLauncher.Result submit, String known)
            throws IOException {
        assertThat(submit.stdout()).as("submit --wait -o json printed no Workflow; stderr:%n%s", submit.stderr())
                .startsWith("{");
        JsonNode cluster = JSON.readTree(submit.stdout());
        Files.writeString(OUT.resolve(example.replace(".yaml", ".json")), submit.stdout());
        if (run.exitCode() == 2) {
            System.out.printf("ControllerExamplesIT: %s: skiff run refuses it for a local run (%s); through the"
                    + " controller it ended %s%n", example, run.stderr().strip().lines().findFirst().orElse(""),
                    cluster.path("status").path("phase").asText());
            assertThat(submit.exitCode()).as("exit code of submit --wait; stderr:%n%s", submit.stderr()).isZero();
            return;
        }
        JsonNode local = JSON.readTree(run.stdout());
        boolean same = run.exitCode() == submit.exitCode() && phase(local).equals(phase(cluster))
                && shape(local).equals(shape(cluster));
        String both = String.format("skiff run: exit %d, %s, %s%nsubmit --wait: exit %d, %s, %s%n(stderr of submit:"
                + " %s)", run.exitCode(), phase(local), shape(local), submit.exitCode(), phase(cluster),
                shape(cluster), submit.stderr().strip());
        if (known != null && known.startsWith("host:")) {
            if (!same) {
                abort("differs on this host (" + known + "):\n" + both);
            }
            return;
        }
        if (known != null) {
            assertThat(same).as("%s ends the same through the controller now: remove it from"
                    + " controller-example-differences.txt%n%s", example, both).isFalse();
            abort("known difference (" + known + "):\n" + both);
        }
        assertThat(same).as(both).isTrue();
    }

    private static String phase(JsonNode wf) {
        return wf.path("status").path("phase").asText() + " " + wf.path("status").path("message").asText("");
    }

    /** Each node as {@code name-below-the-workflow type phase}, sorted. */
    private static TreeSet<String> shape(JsonNode wf) {
        String name = wf.path("metadata").path("name").asText();
        TreeSet<String> nodes = new TreeSet<>();
        for (JsonNode node : wf.path("status").path("nodes")) {
            String nodeName = node.path("name").asText();
            String below = nodeName.startsWith(name) ? "<wf>" + nodeName.substring(name.length()) : nodeName;
            nodes.add(below + " " + node.path("type").asText() + " " + node.path("phase").asText());
        }
        return nodes;
    }

    private static TestingLauncher.Result launch(Map<String, String> env, String... args) {
        try {
            return TestingLauncher.run(env, args);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code example.yaml  reason} lines; '#' starts a comment. */
    private static Map<String, String> differences() throws IOException {
        Map<String, String> known = new LinkedHashMap<>();
        // read from the source tree: dist is a pom module, its test resources are not copied
        for (String line : Files.readAllLines(Path.of("src/test/resources/controller-example-differences.txt"))) {
            String text = line.strip();
            if (!text.isEmpty() && !text.startsWith("#")) {
                String[] parts = text.split("\\s+", 2);
                known.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return known;
    }

    @AfterEach
    void stopTheController() throws Exception {
        List<Runnable> left = new ArrayList<>();
        if (submissions != null) {
            left.addAll(submissions.shutdownNow());
            localRuns.shutdownNow();
        }
        if (store != null) {
            store.close();
        }
        if (controller == null) {
            return;
        }
        TestingLauncher.Result stopped = controller.stop();
        hub.kubectl("delete", "namespace", NAMESPACE, "--wait=false");
        System.out.printf("ControllerExamplesIT: the examples through bin/skiff controller in %d s; controller log %s%n",
                Duration.between(started, Instant.now()).toSeconds(), controller.log());
        assertThat(left).as("submissions never started").isEmpty();
        assertThat(stopped.exitCode()).as("the controller's exit code after SIGTERM; log: %s", controller.log())
                .isZero();
        assertThat(stopped.stderr()).as("the controller's log (%s) has no stack trace", controller.log())
                .doesNotContain("Exception").doesNotContainPattern("(?m)^\\s+at ");
    }
}
