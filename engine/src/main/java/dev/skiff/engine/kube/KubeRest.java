package dev.skiff.engine.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.cluster.ApiErrors;
import io.kubernetes.client.openapi.ApiClient;
import java.io.IOException;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Plain REST calls to one API server over an official-client {@link ApiClient}'s HTTP client (so
 * its TLS settings and bearer-token handling apply: credentials must live in that HTTP client, as
 * {@code ClusterApiClients} puts them, not in the ApiClient's own authentications). Bodies are Jackson trees, so no field of an
 * object is lost or retyped on the way through. Failures become {@link KubeApiException}s.
 */
public final class KubeRest {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final MediaType MERGE_PATCH = MediaType.get("application/merge-patch+json");
    private static final int MAX_MESSAGE = 400;

    private final OkHttpClient http;
    private final OkHttpClient streaming;
    private final HttpUrl base;

    public KubeRest(ApiClient client) {
        this.http = client.getHttpClient();
        this.streaming = http.newBuilder().readTimeout(Duration.ZERO).build();
        this.base = HttpUrl.get(client.getBasePath());
    }

    /** A URL under the server's base path; {@code path} is slash-separated, each segment encoded. */
    public HttpUrl.Builder url(String path) {
        HttpUrl.Builder url = base.newBuilder();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                url.addPathSegment(segment);
            }
        }
        return url;
    }

    public ObjectNode get(HttpUrl url) {
        return call(new Request.Builder().url(url).get().build());
    }

    public ObjectNode post(HttpUrl url, JsonNode body) {
        return call(new Request.Builder().url(url).post(RequestBody.create(body.toString(), JSON_TYPE)).build());
    }

    public ObjectNode put(HttpUrl url, JsonNode body) {
        return call(new Request.Builder().url(url).put(RequestBody.create(body.toString(), JSON_TYPE)).build());
    }

    /** A JSON merge patch (RFC 7386): maps merge, {@code null} removes, lists are replaced. */
    public ObjectNode mergePatch(HttpUrl url, JsonNode patch) {
        return call(new Request.Builder().url(url).patch(RequestBody.create(patch.toString(), MERGE_PATCH)).build());
    }

    public ObjectNode delete(HttpUrl url) {
        return call(new Request.Builder().url(url).delete().build());
    }

    /** A GET whose response is read line by line as it arrives (watches, logs); no read timeout. */
    public LineStream stream(HttpUrl url) {
        okhttp3.Call call = streaming.newCall(new Request.Builder().url(url).get().build());
        Response response;
        try {
            response = call.execute();
        } catch (IOException e) {
            throw unreachable(e);
        }
        if (!response.isSuccessful()) {
            try (response) {
                throw failure(response);
            }
        }
        return new LineStream(call, response, this::unreachable);
    }

    private ObjectNode call(Request request) {
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw failure(response);
            }
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            JsonNode tree = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
            if (!(tree instanceof ObjectNode object)) {
                throw new KubeApiException(response.code(), "", "unexpected response from the API server (not a JSON"
                        + " object)", "");
            }
            return object;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new KubeApiException(200, "", "unexpected response from the API server (not JSON)", "");
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    /** The server could not be reached, or the credentials could not be had: one line naming the server. */
    KubeApiException unreachable(IOException e) {
        String where = "cannot reach the API server at " + base.host() + ":" + base.port();
        return new KubeApiException(0, "", ApiErrors.transport(e).replace("cannot reach the API server", where), "");
    }

    /** A refused request as the API's Status says it; the HTTP reason when the body is no Status. */
    static KubeApiException failure(Response response) {
        String text;
        try {
            ResponseBody body = response.body();
            text = body == null ? "" : body.string();
        } catch (IOException e) {
            text = "";
        }
        JsonNode status = null;
        try {
            status = text.isBlank() ? null : JSON.readTree(text);
        } catch (IOException e) {
            // not JSON: fall through to the HTTP reason
        }
        if (status != null && "Status".equals(status.path("kind").asText())) {
            return fromStatus(response.code(), status);
        }
        String message = text.strip().replaceAll("\\s+", " ");
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "…";
        }
        return new KubeApiException(response.code(), response.message(), message, "");
    }

    static KubeApiException fromStatus(int httpCode, JsonNode status) {
        int code = status.path("code").asInt(httpCode);
        return new KubeApiException(code == 0 ? httpCode : code, status.path("reason").asText(""),
                status.path("message").asText(""), status.path("details").path("kind").asText(""));
    }
}
