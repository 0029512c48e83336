package dev.skiff.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubernetes.client.openapi.ApiClient;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * The test's own list + watch of one resource collection (pods, workflows, task results of a namespace), started
 * before the test acts and independent of the controller: keeps the latest object by name, every uid a name ever
 * had (a pod created twice has two), when each event arrived, and wakes waiters on every event (no polling). A
 * dropped stream is watched again from the last resourceVersion; 410 relists.
 */
final class TestingKubeWatch implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event as the test saw it. */
    record Event(String type, String name, String uid, JsonNode object, Instant at) {
    }

    private final OkHttpClient http;
    private final String url;
    private final Map<String, JsonNode> objects = new LinkedHashMap<>();
    private final Map<String, Set<String>> uids = new LinkedHashMap<>();
    private final List<Event> events = new ArrayList<>();
    private final Thread reader;
    private volatile Response response;
    private volatile boolean closed;
    private String resourceVersion;

    private TestingKubeWatch(ApiClient client, String path) throws IOException {
        this.http = client.getHttpClient().newBuilder().readTimeout(Duration.ZERO).build();
        this.url = client.getBasePath() + path;
        list();
        reader = new Thread(this::run, "test-watch " + path);
        reader.setDaemon(true);
        reader.start();
    }

    static TestingKubeWatch pods(ApiClient client, String namespace) throws IOException {
        return new TestingKubeWatch(client, "/api/v1/namespaces/" + namespace + "/pods");
    }

    static TestingKubeWatch workflows(ApiClient client, String namespace) throws IOException {
        return new TestingKubeWatch(client, "/apis/argoproj.io/v1alpha1/namespaces/" + namespace + "/workflows");
    }

    static TestingKubeWatch taskResults(ApiClient client, String namespace) throws IOException {
        return new TestingKubeWatch(client, "/apis/argoproj.io/v1alpha1/namespaces/" + namespace
                + "/workflowtaskresults");
    }

    private void list() throws IOException {
        JsonNode list = fetch(url);
        synchronized (this) {
            Set<String> present = new LinkedHashSet<>();
            for (JsonNode item : list.path("items")) {
                present.add(item.path("metadata").path("name").asText());
                record("ADDED", item);
            }
            for (String name : List.copyOf(objects.keySet())) {
                if (!present.contains(name)) {
                    record("DELETED", objects.get(name));
                }
            }
            resourceVersion = list.path("metadata").path("resourceVersion").asText();
        }
    }

    /** GET, trying again (at most a minute) while the API server says 429 (a CRD's storage re-initialising). */
    private JsonNode fetch(String target) throws IOException {
        long end = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            try (Response r = http.newCall(new Request.Builder().url(target).get().build()).execute()) {
                if (r.isSuccessful()) {
                    return JSON.readTree(r.body().string());
                }
                if (r.code() != 429 || System.nanoTime() > end) {
                    throw new IOException("GET " + target + ": " + r.code() + " " + r.body().string());
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    private void run() {
        while (!closed) {
            try {
                String rv;
                synchronized (this) {
                    rv = resourceVersion;
                }
                response = http.newCall(new Request.Builder().url(url + "?watch=true&allowWatchBookmarks=true"
                        + "&timeoutSeconds=300&resourceVersion=" + rv).get().build()).execute();
                try (Response r = response) {
                    if (r.code() == 410) {
                        list();
                        continue;
                    }
                    BufferedSource source = r.body().source();
                    String line;
                    while ((line = source.readUtf8Line()) != null) {
                        JsonNode event = JSON.readTree(line);
                        String type = event.path("type").asText();
                        JsonNode object = event.path("object");
                        synchronized (this) {
                            if ("ERROR".equals(type)) {
                                if (object.path("code").asInt() == 410) {
                                    list();
                                }
                                break;
                            }
                            resourceVersion = object.path("metadata").path("resourceVersion").asText(resourceVersion);
                            if (!"BOOKMARK".equals(type)) {
                                record(type, object);
                            }
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return;
                }
                // The API server may be away (a test stopped it): try again shortly, without spinning.
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private synchronized void record(String type, JsonNode object) {
        String name = object.path("metadata").path("name").asText();
        String uid = object.path("metadata").path("uid").asText();
        events.add(new Event(type, name, uid, object, Instant.now()));
        uids.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(uid);
        if ("DELETED".equals(type)) {
            objects.remove(name);
        } else {
            objects.put(name, object);
        }
        notifyAll();
    }

    /** The latest object of that name; empty when there is none (never was, or deleted). */
    synchronized Optional<JsonNode> get(String name) {
        return Optional.ofNullable(objects.get(name));
    }

    /** Every object present now, by name. */
    synchronized Map<String, JsonNode> all() {
        return Map.copyOf(objects);
    }

    /** How many objects of this name were created since the watch began (distinct uids). */
    synchronized int creations(String name) {
        return uids.getOrDefault(name, Set.of()).size();
    }

    /** Names created more than once. */
    synchronized Map<String, Integer> createdTwice() {
        Map<String, Integer> out = new LinkedHashMap<>();
        uids.forEach((name, set) -> {
            if (set.size() > 1) {
                out.put(name, set.size());
            }
        });
        return out;
    }

    /** Every name ever seen. */
    synchronized Set<String> names() {
        return Set.copyOf(uids.keySet());
    }

    /** The events so far. */
    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /**
     * Waits (woken by events, never polling) until {@code look} gives a value, at most {@code timeout}.
     *
     * @throws AssertionError naming {@code what} when the time passed
     */
    synchronized <T> T await(String what, Duration timeout, Function<TestingKubeWatch, Optional<T>> look)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = look.apply(this);
            if (value.isPresent()) {
                return value.get();
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; present: "
                        + objects.keySet());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /**
     * Waits until the object of that name satisfies {@code test} and returns it; on time-out the error also shows
     * the object's last {@code status} (for a Workflow: each node's phase and message), to tell which part of the
     * condition was missing.
     */
    JsonNode await(String name, Duration timeout, String what, Predicate<JsonNode> test) throws InterruptedException {
        try {
            return await(name + " " + what, timeout, w -> w.get(name).filter(test));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last status of " + name + ": " + lastStatus(name), e);
        }
    }

    private synchronized String lastStatus(String name) {
        Optional<JsonNode> object = get(name);
        if (object.isEmpty()) {
            return "(none)";
        }
        JsonNode status = object.get().path("status");
        StringBuilder out = new StringBuilder("phase=" + status.path("phase").asText("") + " message="
                + status.path("message").asText(""));
        status.path("nodes").forEach(n -> out.append("\n  ").append(n.path("displayName").asText()).append(' ')
                .append(n.path("phase").asText()).append(' ').append(n.path("message").asText("")));
        return out.toString();
    }

    /** Waits until no object of that name exists. */
    void awaitGone(String name, Duration timeout) throws InterruptedException {
        await(name + " to be deleted", timeout, w -> w.get(name).isPresent() ? Optional.empty() : Optional.of(true));
    }

    @Override
    public void close() {
        closed = true;
        Response r = response;
        if (r != null) {
            r.close();
        }
        reader.interrupt();
    }
}
