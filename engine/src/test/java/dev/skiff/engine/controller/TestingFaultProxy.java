package dev.skiff.engine.controller;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.skiff.testbed.TestbedCluster;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A plain-HTTP proxy on loopback in front of a real kube-apiserver (it forwards with the admin credentials) that
 * injects faults into Workflow requests, counted by kind: 429 with {@code Retry-After}, 503 before the request
 * reaches the server, 500 after a write was applied, watch streams that end early or break off, and a
 * {@code 410 Gone} watch event. Not a fake API server: every answer that is not a fault is the real server's.
 */
final class TestingFaultProxy implements AutoCloseable {

    private final HttpServer server;
    private final OkHttpClient upstream;
    private final String target;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger puts = new AtomicInteger();
    private final AtomicInteger watches = new AtomicInteger();
    private final Map<String, AtomicInteger> injected = new ConcurrentHashMap<>();

    TestingFaultProxy(TestbedCluster cluster) throws IOException {
        this.upstream = TestingWorkflows.client(cluster).getHttpClient().newBuilder()
                .readTimeout(java.time.Duration.ofMinutes(11)).build();
        this.target = cluster.server().toString().replaceAll("/$", "");
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fault-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** How often a fault of this kind was injected. */
    int injected(String kind) {
        return injected.getOrDefault(kind, new AtomicInteger()).get();
    }

    private void count(String kind) {
        injected.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            boolean workflows = path.contains("/workflows");
            boolean watch = query != null && query.contains("watch=true");
            if (workflows && watch) {
                watch(exchange, path, query);
                return;
            }
            if (workflows) {
                int n = requests.incrementAndGet();
                if (n % 5 == 1) {
                    count("429");
                    exchange.getResponseHeaders().set("Retry-After", "1");
                    status(exchange, 429, "TooManyRequests");
                    return;
                }
                if (n % 5 == 3) {
                    count("503");
                    status(exchange, 503, "ServiceUnavailable");
                    return;
                }
            }
            Response response = forward(exchange, path, query);
            try (response) {
                byte[] body = response.body().bytes();
                if (workflows && exchange.getRequestMethod().equals("PUT") && response.isSuccessful()
                        && puts.incrementAndGet() % 4 == 0) {
                    // The write went through, but the answer is lost: the client sees a 500.
                    count("500-after-write");
                    status(exchange, 500, "InternalError");
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(response.code(), body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    exchange.getResponseBody().write(body);
                }
            }
        }
    }

    /** Watches: the 2nd answers 410 Gone; others end after a few events, every other one by breaking off. */
    private void watch(HttpExchange exchange, String path, String query) throws IOException {
        int n = watches.incrementAndGet();
        if (n == 2) {
            count("410");
            byte[] gone = ("{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":"
                    + "\"Failure\",\"message\":\"too old resource version\",\"reason\":\"Expired\",\"code\":410}}\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, gone.length);
            exchange.getResponseBody().write(gone);
            return;
        }
        try (Response response = forward(exchange, path, query)) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(response.code(), 0);
            OutputStream out = exchange.getResponseBody();
            InputStream in = response.body().byteStream();
            int events = 0;
            int b;
            while ((b = in.read()) != -1) {
                out.write(b);
                if (b == '\n') {
                    out.flush();
                    if (++events == 3) {
                        if (n % 2 == 0) {
                            count("watch-ended");
                            return;
                        }
                        count("watch-broken");
                        throw new IOException("connection broken off by the fault proxy");
                    }
                }
            }
        }
    }

    private Response forward(HttpExchange exchange, String path, String query) throws IOException {
        String method = exchange.getRequestMethod();
        byte[] body = exchange.getRequestBody().readAllBytes();
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        RequestBody requestBody = method.equals("GET") || method.equals("HEAD") ? null
                : RequestBody.create(body, MediaType.parse(type == null ? "application/json" : type));
        Request request = new Request.Builder().url(target + path + (query == null ? "" : "?" + query))
                .method(method, requestBody).header("Accept", "application/json").build();
        return upstream.newCall(request).execute();
    }

    private static void status(HttpExchange exchange, int code, String reason) throws IOException {
        byte[] body = ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"injected "
                + code + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
