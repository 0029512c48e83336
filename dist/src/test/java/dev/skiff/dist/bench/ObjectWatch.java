package dev.skiff.dist.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubernetes.client.openapi.ApiClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * The harness's own list + watch of pods or workflows in a namespace, independent of the controllers: when each
 * event arrived (monotonic nanoseconds) and each object's latest phase and node count. A dropped stream is watched
 * again from the last resourceVersion; 410 relists.
 */
final class ObjectWatch implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event: its type, the object's name and {@code status.phase}, and when it arrived. */
    record Event(String type, String name, String phase, long nanos) {
    }

    /** The latest state of one object. */
    record State(String phase, int nodes) {
    }

    private final OkHttpClient http;
    private final String url;
    private final List<Event> events = new ArrayList<>();
    private final Map<String, State> states = new HashMap<>();
    private final Thread reader;
    private volatile Response response;
    private volatile boolean closed;
    private String resourceVersion;

    private ObjectWatch(ApiClient client, String path, String labelSelector) throws IOException {
        this.http = client.getHttpClient().newBuilder().readTimeout(Duration.ZERO).build();
        this.url = client.getBasePath() + path + "?labelSelector="
                + java.net.URLEncoder.encode(labelSelector, java.nio.charset.StandardCharsets.UTF_8);
        list();
        reader = new Thread(this::run, "bench-watch " + path);
        reader.setDaemon(true);
        reader.start();
    }

    /** Pods of the namespace that match the label selector. */
    static ObjectWatch pods(ApiClient client, String namespace, String labelSelector) throws IOException {
        return new ObjectWatch(client, "/api/v1/namespaces/" + namespace + "/pods", labelSelector);
    }

    /** Workflows of the namespace that match the label selector. */
    static ObjectWatch workflows(ApiClient client, String namespace, String labelSelector) throws IOException {
        return new ObjectWatch(client, "/apis/argoproj.io/v1alpha1/namespaces/" + namespace + "/workflows",
                labelSelector);
    }

    /** Lists, trying again for at most a minute while the API server says 429 (a new CRD's storage starting). */
    private void list() throws IOException {
        long end = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            try (Response r = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
                if (r.isSuccessful()) {
                    JsonNode list = JSON.readTree(r.body().byteStream());
                    synchronized (this) {
                        for (JsonNode item : list.path("items")) {
                            record("ADDED", item);
                        }
                        resourceVersion = list.path("metadata").path("resourceVersion").asText();
                    }
                    return;
                }
                if (r.code() != 429 || System.nanoTime() > end) {
                    throw new IOException("GET " + url + ": " + r.code());
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
                response = http.newCall(new Request.Builder().url(url + "&watch=true&allowWatchBookmarks=true"
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
            }
        }
    }

    private synchronized void record(String type, JsonNode object) {
        String name = object.path("metadata").path("name").asText();
        String phase = object.path("status").path("phase").asText("");
        events.add(new Event(type, name, phase, System.nanoTime()));
        if ("DELETED".equals(type)) {
            states.remove(name);
        } else {
            states.put(name, new State(phase, object.path("status").path("nodes").size()));
        }
        notifyAll();
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** The latest state of the object of that name, or null. */
    synchronized State state(String name) {
        return states.get(name);
    }

    /** How many objects are present now whose state passes {@code test}. */
    synchronized long count(Predicate<State> test) {
        return states.values().stream().filter(test).count();
    }

    /** Waits (woken by events) until {@code done} holds, at most {@code timeout}; returns when it held (nanos). */
    synchronized long await(String what, Duration timeout, Predicate<ObjectWatch> done) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!done.test(this)) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new BenchException("timed out after " + timeout + " waiting for " + what);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return System.nanoTime();
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
