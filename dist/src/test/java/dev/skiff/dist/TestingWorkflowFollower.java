package dev.skiff.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.kube.KubeApiException;
import dev.skiff.engine.kube.KubeResources;
import dev.skiff.engine.kube.WatchEvent;
import dev.skiff.engine.kube.WatchStream;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Follows every Workflow of one namespace with one list + watch (no polling) and hands out each workflow once it
 * is done: a final phase ({@code Succeeded}, {@code Failed}, {@code Error}) and a {@code finishedAt}, the state
 * {@code skiff submit --wait} and the conformance oracle wait for. A watch the server ends is resumed from the
 * last resourceVersion; one that is too old (410) lists again.
 */
final class TestingWorkflowFollower implements AutoCloseable {

    private static final Set<String> FINAL = Set.of("Succeeded", "Failed", "Error");

    private final KubeResources workflows;
    private final String namespace;
    private final Map<String, CompletableFuture<ObjectNode>> done = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean closed;
    private volatile WatchStream stream;

    TestingWorkflowFollower(KubeResources workflows, String namespace) {
        this.workflows = workflows;
        this.namespace = namespace;
        this.thread = Thread.ofPlatform().daemon().name("follow-" + namespace).start(this::follow);
    }

    /** Completes with the workflow's object once it is done (completes at once if it already is). */
    CompletableFuture<ObjectNode> done(String name) {
        return done.computeIfAbsent(name, n -> new CompletableFuture<>());
    }

    private void follow() {
        String version = "";
        while (!closed) {
            try {
                if (version.isEmpty()) {
                    KubeResources.Listing listing = workflows.list(namespace, "", "");
                    listing.items().forEach(this::seen);
                    version = listing.resourceVersion();
                }
                try (WatchStream events = workflows.watch(namespace, "", "", version, 300)) {
                    stream = events;
                    for (Optional<WatchEvent> event = events.next(); event.isPresent() && !closed;
                         event = events.next()) {
                        if (event.get().type().equals("ERROR")) {
                            // 410 Gone: our resourceVersion is too old; anything else: start over too
                            version = "";
                            break;
                        }
                        version = event.get().resourceVersion().isEmpty() ? version : event.get().resourceVersion();
                        if (!event.get().type().equals("BOOKMARK") && !event.get().type().equals("DELETED")) {
                            seen(event.get().object());
                        }
                    }
                }
            } catch (KubeApiException e) {
                if (closed) {
                    return;
                }
                version = e.code() == 410 ? "" : version;
                try {
                    Thread.sleep(500); // back-off before a new request after a broken connection
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void seen(ObjectNode workflow) {
        JsonNode status = workflow.path("status");
        if (FINAL.contains(status.path("phase").asText("")) && !status.path("finishedAt").asText("").isEmpty()) {
            done(workflow.path("metadata").path("name").asText()).complete(workflow);
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        WatchStream current = stream;
        if (current != null) {
            current.close();
        }
        thread.interrupt();
        thread.join(10_000);
    }
}
