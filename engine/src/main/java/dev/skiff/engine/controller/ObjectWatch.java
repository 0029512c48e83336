package dev.skiff.engine.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiConsumer;

/**
 * An informer for one kind of {@code argoproj.io/v1alpha1} object other than Workflows (WorkflowTemplates,
 * ClusterWorkflowTemplates, CronWorkflows): list, then watch from the list's version, keeping the latest object of
 * each {@code namespace/name} in memory; a {@code 410 Gone} lists again, a dropped stream watches again from the
 * last version seen, other failures back off. A list refused with {@code 403} counts as synced and
 * {@link #forbidden()} (as Argo's controller runs without ClusterWorkflowTemplates when its RBAC lacks them), one
 * refused with {@code 404} (the CRD is not installed) as synced and empty; both are tried again every 30 s. {@code changed} hears of each object that changed or went (namespace, name).
 */
final class ObjectWatch implements Runnable {

    private static final int PAGE = 250;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration LAST_BACKOFF = Duration.ofSeconds(30);

    private final String source;
    private final String path;
    private final String kind;
    private final KubeJson api;
    private final BiConsumer<String, String> changed;
    private final String labelSelector;
    private final Map<String, ObjectNode> objects = new ConcurrentHashMap<>();
    private final CountDownLatch firstList = new CountDownLatch(1);
    private volatile boolean forbidden;
    private volatile boolean closed;
    private volatile okhttp3.Call open;

    /**
     * @param source  how logs name it ({@code hub/ns/workflowtemplates})
     * @param path    the collection's API path
     * @param kind    the kind its list items get (lists leave it out)
     * @param changed told of each object that changed or went
     */
    ObjectWatch(String source, String path, String kind, KubeJson api, BiConsumer<String, String> changed) {
        this(source, path, kind, api, "", changed);
    }

    /** Likewise, only objects matching {@code labelSelector} ("" for all). */
    ObjectWatch(String source, String path, String kind, KubeJson api, String labelSelector,
                BiConsumer<String, String> changed) {
        this.labelSelector = labelSelector;
        this.source = source;
        this.path = path;
        this.kind = kind;
        this.api = api;
        this.changed = changed;
    }

    String source() {
        return source;
    }

    /** Whether the first list is done (or was refused). */
    boolean synced() {
        return firstList.getCount() == 0;
    }

    /** Waits until {@link #synced()}. */
    void awaitSynced() throws InterruptedException {
        firstList.await();
    }

    /** Whether the last list was refused with 403 (no RBAC to read these objects). */
    boolean forbidden() {
        return forbidden;
    }

    /** The object {@code namespace/name} ({@code ""} namespace for a cluster-scoped one); shared, do not change. */
    Optional<ObjectNode> get(String namespace, String name) {
        return Optional.ofNullable(objects.get(namespace + "/" + name));
    }

    /** Every object held; shared, do not change. */
    Collection<ObjectNode> all() {
        return List.copyOf(objects.values());
    }

    @Override
    public void run() {
        String resourceVersion = null;
        Duration backoff = FIRST_BACKOFF;
        while (!closed) {
            try {
                if (resourceVersion == null) {
                    resourceVersion = list();
                    forbidden = false;
                    firstList.countDown();
                }
                resourceVersion = watch(resourceVersion);
                backoff = FIRST_BACKOFF;
            } catch (ApiFailure f) {
                if (closed) {
                    break;
                }
                if (f.gone()) {
                    resourceVersion = null;
                    continue;
                }
                if (f.code() == 404 && resourceVersion == null) {
                    // No such resource type (its CRD is not installed): there are none; look again later.
                    if (!synced()) {
                        ControllerLog.warn("watch.absent", "source", source, "message", f.getMessage());
                    }
                    firstList.countDown();
                    sleep(LAST_BACKOFF);
                    continue;
                }
                if (f.code() == 403 && resourceVersion == null) {
                    if (!forbidden) {
                        ControllerLog.warn("watch.forbidden", "source", source, "message", f.getMessage());
                    }
                    forbidden = true;
                    firstList.countDown();
                    sleep(LAST_BACKOFF);
                    continue;
                }
                ControllerLog.warn("watch.failed", "source", source, "code", f.code(), "message", f.getMessage());
                sleep(f.retryAfter().filter(d -> !d.isZero()).orElse(backoff));
                backoff = longer(backoff);
            } catch (IOException e) {
                if (closed) {
                    break;
                }
                sleep(backoff);
                backoff = longer(backoff);
            } catch (RuntimeException e) {
                if (closed) {
                    break;
                }
                ControllerLog.error("watch.error", "source", source, "message", String.valueOf(e));
                resourceVersion = null;
                sleep(backoff);
                backoff = longer(backoff);
            }
        }
    }

    private static Duration longer(Duration backoff) {
        Duration twice = backoff.multipliedBy(2);
        return twice.compareTo(LAST_BACKOFF) > 0 ? LAST_BACKOFF : twice;
    }

    private String list() throws ApiFailure {
        Map<String, ObjectNode> listed = new HashMap<>();
        String next = "";
        String version;
        do {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("limit", String.valueOf(PAGE));
            if (!labelSelector.isEmpty()) {
                query.put("labelSelector", labelSelector);
            }
            if (!next.isEmpty()) {
                query.put("continue", next);
            }
            ObjectNode page = api.get(path, query);
            for (JsonNode item : page.path("items")) {
                if (item instanceof ObjectNode object) {
                    object.put("apiVersion", "argoproj.io/v1alpha1");
                    object.put("kind", kind);
                    key(object).ifPresent(key -> listed.put(key, object));
                }
            }
            next = page.path("metadata").path("continue").asText("");
            version = page.path("metadata").path("resourceVersion").asText("");
        } while (!next.isEmpty() && !closed);
        for (String gone : List.copyOf(objects.keySet())) {
            if (!listed.containsKey(gone)) {
                objects.remove(gone);
                tell(gone);
            }
        }
        listed.forEach((key, object) -> {
            ObjectNode old = objects.put(key, object);
            if (old == null || !version(old).equals(version(object))) {
                tell(key);
            }
        });
        ControllerLog.info("watch.listed", "source", source, "objects", listed.size(), "resourceVersion", version);
        return version;
    }

    /** Watches from {@code resourceVersion} until the stream ends; returns the last version seen. */
    private String watch(String resourceVersion) throws ApiFailure, IOException {
        return WatchRequest.follow(api, path, labelSelector, resourceVersion, call -> open = call, () -> closed,
                this::apply);
    }

    private String apply(String type, ObjectNode o, String version) {
        String next = o.path("metadata").path("resourceVersion").asText(version);
        if (type.equals("BOOKMARK")) {
            return next;
        }
        Optional<String> key = key(o);
        if (key.isPresent()) {
            if (type.equals("DELETED")) {
                objects.remove(key.get());
            } else {
                objects.put(key.get(), o);
            }
            tell(key.get());
        }
        return next;
    }

    private void tell(String key) {
        int slash = key.indexOf('/');
        changed.accept(key.substring(0, slash), key.substring(slash + 1));
    }

    private static String version(ObjectNode object) {
        return object.path("metadata").path("resourceVersion").asText("");
    }

    private static Optional<String> key(ObjectNode object) {
        JsonNode metadata = object.path("metadata");
        String name = metadata.path("name").asText("");
        return name.isEmpty() ? Optional.empty() : Optional.of(metadata.path("namespace").asText("") + "/" + name);
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
