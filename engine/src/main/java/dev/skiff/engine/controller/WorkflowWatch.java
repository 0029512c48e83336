package dev.skiff.engine.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * List and watch of the Workflows of one workflow source (a cluster, one namespace or all): the list fills the
 * {@link WorkflowCache}, each watch event updates it and enqueues the workflow's key. The last resourceVersion
 * seen is kept: a watch that ends or drops is started again from it; a {@code 410 Gone} lists again (objects
 * that vanished meanwhile count as deleted). Other failures back off (honouring {@code Retry-After}). Only
 * objects with the controller's instance id (or, without one, objects without any) are selected, as Argo does.
 */
final class WorkflowWatch implements Runnable {

    static final String INSTANCE_ID_LABEL = "workflows.argoproj.io/controller-instanceid";
    private static final int PAGE = 250;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration LAST_BACKOFF = Duration.ofSeconds(30);

    private final String cluster;
    private final Optional<String> namespace;
    private final KubeJson api;
    private final String labelSelector;
    private final WorkflowCache cache;
    private final Consumer<WorkflowKey> enqueue;
    private final ControllerMetrics metrics;
    private volatile boolean closed;
    private volatile boolean synced;
    private final java.util.concurrent.CountDownLatch firstList = new java.util.concurrent.CountDownLatch(1);
    private volatile okhttp3.Call open;

    WorkflowWatch(String cluster, Optional<String> namespace, KubeJson api, String instanceId, WorkflowCache cache,
                  Consumer<WorkflowKey> enqueue, ControllerMetrics metrics) {
        this.cluster = cluster;
        this.namespace = namespace;
        this.api = api;
        this.labelSelector = instanceId.isEmpty() ? "!" + INSTANCE_ID_LABEL : INSTANCE_ID_LABEL + "=" + instanceId;
        this.cache = cache;
        this.enqueue = enqueue;
        this.metrics = metrics;
    }

    /** The source as logs show it: {@code cluster/namespace} or {@code cluster/*}. */
    String source() {
        return cluster + "/" + namespace.orElse("*");
    }

    /** Whether the first list is done (the controller is ready once every watch is). */
    boolean synced() {
        return synced;
    }

    /** Waits until the first list is done. */
    void awaitSynced() throws InterruptedException {
        firstList.await();
    }

    private String path() {
        return namespace.map(ns -> "/apis/argoproj.io/v1alpha1/namespaces/" + ns + "/workflows")
                .orElse("/apis/argoproj.io/v1alpha1/workflows");
    }

    @Override
    public void run() {
        String resourceVersion = null;
        Duration backoff = FIRST_BACKOFF;
        while (!closed) {
            try {
                if (resourceVersion == null) {
                    resourceVersion = list();
                    synced = true;
                    firstList.countDown();
                }
                resourceVersion = watch(resourceVersion);
                backoff = FIRST_BACKOFF;
            } catch (ApiFailure f) {
                if (closed) {
                    break;
                }
                if (f.gone()) {
                    metrics.watchRestart("gone");
                    ControllerLog.info("watch.relist", "source", source(), "reason", "resourceVersion expired");
                    resourceVersion = null;
                    continue;
                }
                metrics.watchRestart(f.code() == 0 ? "unreachable" : String.valueOf(f.code()));
                ControllerLog.warn("watch.failed", "source", source(), "code", f.code(), "message", f.getMessage());
                Duration wait = f.retryAfter().filter(d -> !d.isZero()).orElse(backoff);
                sleep(wait);
                backoff = backoff.multipliedBy(2).compareTo(LAST_BACKOFF) > 0 ? LAST_BACKOFF : backoff.multipliedBy(2);
            } catch (IOException e) {
                if (closed) {
                    break;
                }
                // The stream dropped: watch again from the last version seen.
                metrics.watchRestart("dropped");
                ControllerLog.debug("watch.dropped", "source", source(), "resourceVersion", resourceVersion,
                        "message", String.valueOf(e.getMessage()));
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(LAST_BACKOFF) > 0 ? LAST_BACKOFF : backoff.multipliedBy(2);
            } catch (RuntimeException e) {
                if (closed) {
                    break;
                }
                ControllerLog.error("watch.error", "source", source(), "message", String.valueOf(e));
                resourceVersion = null;
                sleep(backoff);
            }
        }
    }

    /** Lists every selected workflow (in pages); returns the list's resourceVersion. */
    private String list() throws ApiFailure {
        Set<WorkflowKey> listed = new HashSet<>();
        String next = "";
        String version;
        do {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("labelSelector", labelSelector);
            query.put("limit", String.valueOf(PAGE));
            if (!next.isEmpty()) {
                query.put("continue", next);
            }
            ObjectNode page = api.get(path(), query);
            for (JsonNode item : page.path("items")) {
                if (item instanceof ObjectNode object) {
                    // Lists leave out each item's kind and apiVersion.
                    object.put("apiVersion", "argoproj.io/v1alpha1");
                    object.put("kind", "Workflow");
                    key(object).ifPresent(key -> {
                        listed.add(key);
                        cache.put(key, object);
                        enqueue.accept(key);
                    });
                }
            }
            next = page.path("metadata").path("continue").asText("");
            version = page.path("metadata").path("resourceVersion").asText("");
        } while (!next.isEmpty() && !closed);
        for (WorkflowKey gone : cache.retainOnly(this::inScope, listed)) {
            enqueue.accept(gone);
        }
        ControllerLog.info("watch.listed", "source", source(), "workflows", listed.size(), "resourceVersion", version);
        return version;
    }

    private boolean inScope(WorkflowKey key) {
        return key.cluster().equals(cluster) && namespace.map(key.namespace()::equals).orElse(true);
    }

    /** Watches from {@code resourceVersion} until the stream ends; returns the last version seen. */
    private String watch(String resourceVersion) throws ApiFailure, IOException {
        return WatchRequest.follow(api, path(), labelSelector, resourceVersion, call -> open = call, () -> closed,
                this::apply);
    }

    private String apply(String type, ObjectNode o, String version) {
        String next = o.path("metadata").path("resourceVersion").asText(version);
        if (type.equals("BOOKMARK")) {
            return next;
        }
        Optional<WorkflowKey> key = key(o);
        if (key.isEmpty()) {
            return next;
        }
        if (type.equals("DELETED")) {
            cache.remove(key.get());
            enqueue.accept(key.get());
        } else if (cache.put(key.get(), o)) {
            enqueue.accept(key.get());
        }
        return next;
    }

    private Optional<WorkflowKey> key(ObjectNode object) {
        JsonNode metadata = object.path("metadata");
        String ns = metadata.path("namespace").asText("");
        String name = metadata.path("name").asText("");
        return ns.isEmpty() || name.isEmpty() ? Optional.empty() : Optional.of(new WorkflowKey(cluster, ns, name));
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /** Stops the loop and cuts the open watch. */
    void close() {
        closed = true;
        okhttp3.Call call = open;
        if (call != null) {
            call.cancel();
        }
    }
}
