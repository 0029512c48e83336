package dev.skiff.dist;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.kube.KubeResources;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Creates conformance cases as Workflows in one namespace, at most {@code parallel} unfinished at a time, and
 * hands out each one's final object. Cases whose outcome depends on pod timing (deadlines, timeouts, back-off)
 * come last, together, once everything else is done: then no other pod competes with theirs for the CPU, and the
 * controller is warm.
 *
 * <p>A case is read as {@code skiff submit} reads it (the engine's YAML reader: {@code name: n} stays the string
 * "n", where {@code kubectl create} turns it into {@code false}) and its {@code # args: -p NAME=VALUE} words are
 * applied as {@code skiff submit -p} applies them ({@link Workflow#withParameterOverrides}); it is then created
 * as it is, without lint, as the oracle created it with {@code kubectl create}, so that the controller's own
 * validation answers invalid cases.
 */
final class TestingCaseSubmitter implements AutoCloseable {

    private final KubeResources workflows;
    private final String namespace;
    private final TestingWorkflowFollower follower;
    private final Semaphore slots;
    private final Map<String, CompletableFuture<ObjectNode>> results = new LinkedHashMap<>();
    private final Map<String, Instant> created = new ConcurrentHashMap<>();
    private final Map<String, Instant> finished = new ConcurrentHashMap<>();
    private final Thread thread;

    TestingCaseSubmitter(KubeResources workflows, String namespace, TestingWorkflowFollower follower, int parallel,
            List<String> first, List<String> alone) {
        this.workflows = workflows;
        this.namespace = namespace;
        this.follower = follower;
        this.slots = new Semaphore(parallel);
        for (String name : first) {
            results.put(name, new CompletableFuture<>());
        }
        for (String name : alone) {
            results.put(name, new CompletableFuture<>());
        }
        this.thread = Thread.ofPlatform().daemon().name("submit-" + namespace).start(() -> submit(first, alone));
    }

    /** The case's Workflow once it is done; fails when it could not be created. */
    CompletableFuture<ObjectNode> result(String name) {
        return results.get(name);
    }

    /** How long the case took from its creation to the end of its workflow, if it ended. */
    Duration took(String name) {
        Instant start = created.get(name);
        Instant end = finished.get(name);
        return start == null || end == null ? Duration.ZERO : Duration.between(start, end);
    }

    /** Whether the case was created and when, for messages. */
    String state(String name) {
        Instant start = created.get(name);
        return start == null ? "never created: earlier cases did not end"
                : "created " + Duration.between(start, Instant.now()).toSeconds() + " s ago";
    }

    private void submit(List<String> first, List<String> alone) {
        try {
            List<CompletableFuture<ObjectNode>> before = new ArrayList<>();
            for (String name : first) {
                before.add(create(name));
            }
            for (CompletableFuture<ObjectNode> one : before) {
                one.handle((wf, failure) -> null).join();
            }
            for (String name : alone) {
                create(name);
            }
        } catch (InterruptedException e) {
            results.values().forEach(f -> f.completeExceptionally(new IllegalStateException("submission stopped")));
        }
    }

    private CompletableFuture<ObjectNode> create(String name) throws InterruptedException {
        CompletableFuture<ObjectNode> result = results.get(name);
        slots.acquire();
        try {
            created.put(name, Instant.now());
            workflows.create(namespace, document(name));
        } catch (IOException | RuntimeException e) {
            slots.release();
            result.completeExceptionally(new AssertionError("could not create " + name + ": " + e.getMessage(), e));
            return result;
        }
        follower.done(name).whenComplete((wf, failure) -> {
            finished.put(name, Instant.now());
            slots.release();
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(wf);
            }
        });
        return result;
    }

    private static ObjectNode document(String name) throws IOException {
        Path file = TestingConformance.caseFile(name);
        Workflow wf = WorkflowCodec.read(Files.readString(file), file.toString());
        Map<String, String> overrides = new LinkedHashMap<>();
        List<String> args = TestingConformance.args(name);
        for (int i = 0; i < args.size(); i++) {
            if (!args.get(i).equals("-p") || i + 1 == args.size() || !args.get(i + 1).contains("=")) {
                throw new IllegalArgumentException(file + ": only '-p NAME=VALUE' args are supported here: " + args);
            }
            String pair = args.get(++i);
            overrides.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return (overrides.isEmpty() ? wf : wf.withParameterOverrides(overrides)).document();
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }
}
