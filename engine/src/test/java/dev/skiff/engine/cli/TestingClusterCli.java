package dev.skiff.engine.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.testbed.Await;
import dev.skiff.testbed.TestbedCluster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code skiff} commands in-process against a testbed cluster, as a user with the cluster's
 * admin kubeconfig would (the auth-token plugin in {@code $SKIFF_HOME/plugins}), and reads and writes
 * Workflow objects with kubectl, independently of the code under test.
 */
final class TestingClusterCli {

    record Run(int exit, String out, String err) {
    }

    private final TestbedCluster cluster;
    private final Path dir;
    private final Map<String, String> env = new HashMap<>();

    TestingClusterCli(TestbedCluster cluster, Path dir) throws IOException {
        this.cluster = cluster;
        this.dir = dir;
        TestingPluginsFolder.authToken(dir);
        env.put("SKIFF_HOME", dir.toString());
        env.put("HOME", dir.toString());
        env.put("KUBECONFIG", cluster.kubeconfig().toString());
        applyCrds(cluster);
    }

    /** The same runner with another environment entry (another KUBECONFIG, ...). */
    TestingClusterCli with(String name, String value) {
        env.put(name, value);
        return this;
    }

    Run run(String... args) {
        return run(new ByteArrayOutputStream(), new ByteArrayOutputStream(), args);
    }

    private Run run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        CliIo io = new CliIo(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), InputStream.nullInputStream(), TerminalInfo.NONE,
                Map.copyOf(env), dir, Clock.systemUTC());
        int exit = SkiffMain.execute(io, args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A command running on another thread, whose stderr can be looked at while it runs. */
    record Started(CompletableFuture<Run> result, ByteArrayOutputStream err) {

        Run get() throws Exception {
            return result.get(2, TimeUnit.MINUTES);
        }

        /** Blocks until the command has printed {@code text} on stderr (it got that far). */
        void awaitErr(String text) {
            Await.until("'" + text + "' on stderr", Duration.ofSeconds(60), () -> {
                if (result.isDone()) {
                    throw new IllegalStateException("the command ended first: " + result.get());
                }
                return err.toString(StandardCharsets.UTF_8).contains(text) ? Optional.of(true) : Optional.empty();
            });
        }
    }

    /** Runs a command on another thread, for commands that wait for the cluster to change. */
    Started start(String... args) {
        CompletableFuture<Run> result = new CompletableFuture<>();
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        Thread.ofPlatform().name("skiff " + String.join(" ", args)).start(() -> {
            try {
                result.complete(run(out, err, args));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return new Started(result, err);
    }

    /** The workflow as kubectl reads it. */
    ObjectNode get(String namespace, String name) {
        return parse(cluster.kubectl("-n", namespace, "get", "workflow", name, "-o", "json"));
    }

    /** Any object as kubectl reads it ({@code kind} as kubectl takes it: workflowtemplate, cronworkflow, ...). */
    ObjectNode get(String namespace, String kind, String name) {
        return parse(cluster.kubectl("-n", namespace, "get", kind, name, "-o", "json"));
    }

    /** Creates an object (status included: Workflows have no status subresource) with kubectl. */
    void create(String namespace, ObjectNode object) {
        Path file = dir.resolve("object-" + System.nanoTime() + ".json");
        try {
            Files.writeString(file, object.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cluster.kubectl("-n", namespace, "create", "-f", file.toString());
    }

    /** Merge-patches a workflow with kubectl, as a controller writing status would. */
    void patch(String namespace, String name, ObjectNode patch) {
        cluster.kubectl("-n", namespace, "patch", "workflow", name, "--type", "merge", "-p", patch.toString());
    }

    /** Blocks until the workflow exists (kubectl's watch-based wait). */
    void awaitCreated(String namespace, String name) {
        cluster.kubectl("-n", namespace, "wait", "--for=create", "workflow/" + name, "--timeout=60s");
    }

    /**
     * A recorded Workflow (a {@code skiff run -o json} output) turned into what a user submits or a
     * controller has stored: without uid, creation time and resource version, in {@code namespace}.
     */
    static ObjectNode recorded(String resource, String namespace) {
        ObjectNode wf = TestingWorkflowObjects.resource(resource);
        ObjectNode metadata = (ObjectNode) wf.get("metadata");
        metadata.remove(List.of("uid", "creationTimestamp", "resourceVersion"));
        metadata.put("namespace", namespace);
        return wf;
    }

    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) TestingWorkflowObjects.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Applies the distribution's manifests/crds.yaml and waits until the API serves the kinds. */
    static synchronized void applyCrds(TestbedCluster cluster) {
        Path crds = repositoryRoot().resolve("dist/src/main/skiff/manifests/crds.yaml");
        cluster.kubectl("apply", "-f", crds.toString());
        cluster.kubectl("wait", "--for=condition=established", "--timeout=60s",
                "crd/workflows.argoproj.io", "crd/workflowtaskresults.argoproj.io", "crd/workflowtemplates.argoproj.io",
                "crd/clusterworkflowtemplates.argoproj.io", "crd/cronworkflows.argoproj.io");
    }

    static Path repositoryRoot() {
        String testbed = System.getProperty("skiff.testbed.dir");
        if (testbed != null) {
            return Path.of(testbed).toAbsolutePath().getParent();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("dist/src/main/skiff/manifests"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root (dist/src/main/skiff/manifests)");
    }
}
