package dev.skiff.executor.pod.it;

import dev.skiff.executor.pod.json.GoJson;
import dev.skiff.executor.pod.json.JsonTree;
import dev.skiff.executor.pod.kube.ApiFailure;
import dev.skiff.executor.pod.kube.KubeApi;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * Counts pod creations in a namespace from the API's own list and watch, independent of the executor: each pod
 * name's distinct uids (a pod deleted and created again has a new uid). The API server ends a watch whenever it
 * likes — it drops a watcher that reads too slowly ("Forcing watcher close due to unresponsiveness", which a
 * loaded machine easily causes) — so a watch that ends is opened again from the last resourceVersion, and a 410
 * (that version is gone) lists again. Says what it saw and how its watches ended, for a test that times out.
 */
final class PodCreations implements AutoCloseable {

    private static final int ENDINGS_KEPT = 5;

    private final KubeApi api;
    private final String path;
    private final Map<String, Set<String>> uidsByName = new LinkedHashMap<>();
    private final Deque<String> endings = new ArrayDeque<>();
    private final Thread reader;
    private String resourceVersion;
    private boolean relist;
    private Response response;
    private int watches;
    private long events;
    private volatile boolean closed;

    PodCreations(KubeApi api, String namespace) throws ApiFailure {
        this.api = api;
        this.path = KubeApi.collection("v1", namespace, "pods");
        list();
        reader = new Thread(this::run, "pod-creations");
        reader.setDaemon(true);
        reader.start();
    }

    private void list() throws ApiFailure {
        Map<String, Object> list = api.list(path, Map.of());
        synchronized (this) {
            for (Object item : JsonTree.list(list.get("items"))) {
                seen(JsonTree.at(item, "metadata"));
            }
            resourceVersion = JsonTree.text(JsonTree.at(list, "metadata", "resourceVersion"));
            relist = false;
        }
    }

    private void run() {
        while (!closed) {
            try {
                if (relistNeeded()) {
                    list();
                }
                Response opened = api.watch(path, Map.of("watch", "true", "allowWatchBookmarks", "true",
                        "resourceVersion", currentVersion()));
                synchronized (this) {
                    if (closed) {
                        opened.close();
                        return;
                    }
                    response = opened;
                    watches++;
                }
                ended(read(opened));
            } catch (ApiFailure e) {
                ended("refused: " + e.getMessage());
                synchronized (this) {
                    relist |= e.code() == 410;
                }
                pause();
            } catch (RuntimeException e) {
                ended(closed ? "closed" : "broke: " + e);
                pause();
            }
        }
    }

    /** Reads events until the stream ends; says how it ended. */
    private String read(Response opened) {
        BufferedSource source = opened.body().source();
        try (opened) {
            String line;
            while ((line = source.readUtf8Line()) != null) {
                Object event = GoJson.read(line);
                String type = JsonTree.text(JsonTree.at(event, "type"));
                Object metadata = JsonTree.at(event, "object", "metadata");
                synchronized (this) {
                    events++;
                    if (type.equals("ERROR")) {
                        relist |= JsonTree.at(event, "object", "code") instanceof Number code && code.intValue() == 410;
                        return "ERROR event: " + JsonTree.text(JsonTree.at(event, "object", "message"));
                    }
                    if (type.equals("ADDED") || type.equals("MODIFIED")) {
                        seen(metadata);
                    }
                    String version = JsonTree.text(JsonTree.at(metadata, "resourceVersion"));
                    if (!version.isEmpty()) {
                        resourceVersion = version;
                    }
                }
            }
            return "the server ended it";
        } catch (java.io.IOException e) {
            return closed ? "closed" : "read failed: " + e;
        }
    }

    private void seen(Object metadata) {
        uidsByName.computeIfAbsent(JsonTree.text(JsonTree.at(metadata, "name")), n -> new LinkedHashSet<>())
                .add(JsonTree.text(JsonTree.at(metadata, "uid")));
    }

    private synchronized void ended(String how) {
        if (endings.size() == ENDINGS_KEPT) {
            endings.removeFirst();
        }
        endings.addLast(java.time.Instant.now() + " " + how);
    }

    private synchronized boolean relistNeeded() {
        return relist;
    }

    private synchronized String currentVersion() {
        return resourceVersion;
    }

    /** A short pause before watching again after a failure (not a wait for anything). */
    private void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many pods of this name were created since the first list (distinct uids). */
    synchronized int count(String name) {
        return uidsByName.getOrDefault(name, Set.of()).size();
    }

    /** Pods created since the first list (distinct uids over all names). */
    synchronized int total() {
        return uidsByName.values().stream().mapToInt(Set::size).sum();
    }

    /** The names seen, in the order they were first seen. */
    synchronized List<String> names() {
        return List.copyOf(uidsByName.keySet());
    }

    /** What it has seen and how its watches went. */
    @Override
    public synchronized String toString() {
        return "pod watch: " + total() + " pods (" + uidsByName.size() + " names), " + events + " events, "
                + watches + " watches opened, at resourceVersion " + resourceVersion + ", reader "
                + reader.getState() + ", endings " + List.copyOf(endings);
    }

    @Override
    public void close() {
        closed = true;
        Response open;
        synchronized (this) {
            open = response;
        }
        if (open != null) {
            open.close();
        }
        reader.interrupt();
    }
}
