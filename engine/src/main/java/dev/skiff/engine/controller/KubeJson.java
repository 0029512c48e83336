package dev.skiff.engine.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.Pair;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Kubernetes requests whose bodies are JSON trees (Jackson), sent through an official-client {@link ApiClient}
 * (its server, TLS, authentication and interceptors). Workflows are custom resources the official client only
 * knows as Gson maps; reading them straight into Jackson trees avoids a second parse of large statuses.
 */
final class KubeJson {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String MERGE_PATCH = "application/merge-patch+json";

    private final ApiClient client;
    private final OkHttpClient http;
    private final OkHttpClient streaming;

    /**
     * @param client    for every request (its HTTP client's interceptors included)
     * @param watchRead how long a watch may stay silent before its connection counts as dead
     */
    KubeJson(ApiClient client, Duration watchRead) {
        this.client = client;
        this.http = client.getHttpClient();
        this.streaming = http.newBuilder().readTimeout(watchRead).build();
    }

    ObjectNode get(String path, Map<String, String> query) throws ApiFailure {
        return call("GET", path, query, null, "application/json");
    }

    ObjectNode post(String path, byte[] body) throws ApiFailure {
        return call("POST", path, Map.of(), body, "application/json");
    }

    ObjectNode put(String path, byte[] body) throws ApiFailure {
        return call("PUT", path, Map.of(), body, "application/json");
    }

    ObjectNode patch(String path, byte[] body) throws ApiFailure {
        return call("PATCH", path, Map.of(), body, MERGE_PATCH);
    }

    ObjectNode delete(String path, byte[] body) throws ApiFailure {
        return call("DELETE", path, Map.of(), body, "application/json");
    }

    /** A watch request, not sent yet: the caller executes it, reads the events and may cancel it from elsewhere. */
    Call watchCall(String path, Map<String, String> query) throws ApiFailure {
        return streaming.newCall(request("GET", path, query, null, "application/json"));
    }

    /** Sends a watch request; the caller reads the events from the body and closes the response. */
    static Response open(Call call) throws ApiFailure {
        Response response;
        try {
            response = call.execute();
        } catch (IOException e) {
            throw transport(e);
        }
        if (!response.isSuccessful()) {
            try (response) {
                throw failure(response);
            }
        }
        return response;
    }

    private ObjectNode call(String method, String path, Map<String, String> query, byte[] body,
                            String contentType) throws ApiFailure {
        Call call = http.newCall(request(method, path, query, body, contentType));
        try (Response response = call.execute()) {
            if (!response.isSuccessful()) {
                throw failure(response);
            }
            try (InputStream in = response.body().byteStream()) {
                JsonNode tree = JSON.readTree(in);
                return tree instanceof ObjectNode o ? o : JSON.createObjectNode();
            }
        } catch (IOException e) {
            throw transport(e);
        }
    }

    private Request request(String method, String path, Map<String, String> query, byte[] body,
                            String contentType) throws ApiFailure {
        List<Pair> params = new ArrayList<>();
        query.forEach((k, v) -> params.add(new Pair(k, v)));
        Map<String, String> headers = new HashMap<>();
        headers.put("Accept", "application/json");
        headers.put("Content-Type", contentType);
        try {
            return client.buildRequest(null, path, method, params, List.of(), body, headers, new HashMap<>(),
                    new HashMap<>(), new String[] {"BearerToken"}, null);
        } catch (ApiException e) {
            throw new ApiFailure(0, "", "cannot build the request: " + e.getMessage(), Optional.empty());
        }
    }

    static ApiFailure failure(Response response) {
        String reason = "";
        String message = "HTTP " + response.code();
        try {
            JsonNode status = JSON.readTree(response.body().byteStream());
            reason = status.path("reason").asText("");
            String text = status.path("message").asText("");
            if (!text.isEmpty()) {
                message = "HTTP " + response.code() + ": " + text;
            }
        } catch (IOException | RuntimeException e) {
            // not a Status object: the code says enough
        }
        return new ApiFailure(response.code(), reason, message, ApiThrottle.retryAfter(response));
    }

    static ApiFailure transport(IOException e) {
        String message = e.getMessage();
        return new ApiFailure(0, "", "cannot reach the API server: " + e.getClass().getSimpleName()
                + (message == null || message.isBlank() ? "" : ": " + message), Optional.empty());
    }
}
