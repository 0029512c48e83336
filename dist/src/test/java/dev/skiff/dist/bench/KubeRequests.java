package dev.skiff.dist.bench;

import dev.skiff.engine.controller.TokenBucket;
import io.kubernetes.client.openapi.ApiClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** The harness's own API calls with the admin client: creating objects (from 32 threads), namespaces. */
final class KubeRequests {

    private static final MediaType JSON = MediaType.get("application/json");
    /** Enough that on a loaded machine the request latency, not the thread count, is never what limits a throttled
     *  run at 20 QPS (client-go, too, limits only by its token bucket). */
    private static final int THREADS = 32;

    private final OkHttpClient http;
    private final String base;

    KubeRequests(ApiClient client) {
        this.http = client.getHttpClient();
        this.base = client.getBasePath();
    }

    void createNamespace(String name) throws IOException {
        post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name
                + "\"}}");
    }

    /** Asks for the namespace's deletion (gone already is fine) without waiting for it. */
    void startNamespaceDeletion(String name) throws IOException {
        startDeletion("/api/v1/namespaces/" + name);
    }

    /** Deletes the namespace and waits (polling, at most {@code timeout}) until it is gone; false if it is not. */
    boolean deleteNamespace(String name, Duration timeout) throws IOException, InterruptedException {
        return delete("/api/v1/namespaces/" + name, timeout);
    }

    /** Deletes the object at {@code path} and waits (polling, at most {@code timeout}) until it is gone. */
    boolean delete(String path, Duration timeout) throws IOException, InterruptedException {
        startDeletion(path);
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            try (Response r = http.newCall(new Request.Builder().url(base + path).get().build()).execute()) {
                if (r.code() == 404) {
                    return true;
                }
            }
            Thread.sleep(500);
        }
        return false;
    }

    private void startDeletion(String path) throws IOException {
        try (Response r = http.newCall(new Request.Builder().url(base + path).delete().build()).execute()) {
            if (!r.isSuccessful() && r.code() != 404) {
                throw new IOException("DELETE " + path + ": " + r.code() + " " + r.body().string());
            }
        }
    }

    /** POSTs {@code count} objects ({@code body} of index i) to {@code path} from 32 threads, optionally throttled. */
    void createAll(String path, int count, IntFunction<String> body, TokenBucket throttle)
            throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> posts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                posts.add(pool.submit(() -> {
                    if (throttle != null) {
                        long wait = throttle.reserve();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                    }
                    post(path, body.apply(index));
                    return null;
                }));
            }
            for (Future<?> post : posts) {
                post.get();
            }
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** POSTs one object, trying again for at most a minute on 429 (a just created CRD's storage starting). */
    void post(String path, String body) throws IOException {
        long end = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            try (Response r = http.newCall(new Request.Builder().url(base + path).post(RequestBody.create(body, JSON))
                    .build()).execute()) {
                if (r.code() == 201) {
                    return;
                }
                if (r.code() != 429 || System.nanoTime() > end) {
                    throw new IOException("POST " + path + ": " + r.code() + " " + r.body().string());
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
}
