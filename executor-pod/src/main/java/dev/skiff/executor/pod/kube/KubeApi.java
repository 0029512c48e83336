package dev.skiff.executor.pod.kube;

import dev.skiff.executor.pod.json.GoJson;
import dev.skiff.executor.pod.json.JsonTree;
import io.kubernetes.client.openapi.ApiClient;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Plain JSON requests to one API server, on the official client's HTTP client (its TLS and token handling).
 * Objects go in and come out as JSON-like trees, so the executor sends exactly the pod it built and reads fields
 * newer than the client's models. Failures are {@link ApiFailure}s with the server's message.
 */
public final class KubeApi {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final MediaType MERGE_PATCH = MediaType.get("application/merge-patch+json");

    private final HttpUrl base;
    private final OkHttpClient http;
    private final OkHttpClient watchHttp;
    private final ApiClient apiClient;
    private final ServerContact contact;

    public KubeApi(ApiClient apiClient) {
        this(apiClient, ServerContact.NONE);
    }

    /** Tells {@code contact} after every request whether the API server answered. */
    public KubeApi(ApiClient apiClient, ServerContact contact) {
        this.apiClient = apiClient;
        this.contact = contact;
        this.base = HttpUrl.get(apiClient.getBasePath());
        this.http = apiClient.getHttpClient();
        this.watchHttp = http.newBuilder().readTimeout(0, TimeUnit.SECONDS).build();
    }

    public ApiClient apiClient() {
        return apiClient;
    }

    /** A resource's collection path: {@code /api/v1/namespaces/ns/pods} or {@code /apis/g/v/namespaces/ns/r}. */
    public static String collection(String groupVersion, String namespace, String plural) {
        String prefix = groupVersion.contains("/") ? "/apis/" + groupVersion : "/api/" + groupVersion;
        return prefix + "/namespaces/" + namespace + "/" + plural;
    }

    public Map<String, Object> get(String path) throws ApiFailure {
        return call(new Request.Builder().url(url(path, Map.of())).get().build());
    }

    public Map<String, Object> list(String path, Map<String, String> query) throws ApiFailure {
        return call(new Request.Builder().url(url(path, query)).get().build());
    }

    public Map<String, Object> create(String path, Map<String, Object> object) throws ApiFailure {
        return call(new Request.Builder().url(url(path, Map.of()))
                .post(RequestBody.create(GoJson.write(object), JSON)).build());
    }

    public Map<String, Object> mergePatch(String path, Map<String, Object> patch) throws ApiFailure {
        return call(new Request.Builder().url(url(path, Map.of()))
                .patch(RequestBody.create(GoJson.write(patch), MERGE_PATCH)).build());
    }

    /**
     * Deletes in the background (dependents follow). A {@code gracePeriodSeconds} in {@code query} goes into the
     * DeleteOptions body, which the server reads instead of the query.
     */
    public Map<String, Object> delete(String path, Map<String, String> query) throws ApiFailure {
        Map<String, Object> options = new java.util.LinkedHashMap<>();
        options.put("kind", "DeleteOptions");
        options.put("apiVersion", "v1");
        options.put("propagationPolicy", "Background");
        Map<String, String> rest = new java.util.LinkedHashMap<>(query);
        String grace = rest.remove("gracePeriodSeconds");
        if (grace != null) {
            options.put("gracePeriodSeconds", Long.parseLong(grace));
        }
        return call(new Request.Builder().url(url(path, rest))
                .delete(RequestBody.create(GoJson.write(options), JSON)).build());
    }

    /** Opens a watch; the caller reads it line by line and closes it. */
    public Response watch(String path, Map<String, String> query) throws ApiFailure {
        Request request = new Request.Builder().url(url(path, query)).get().build();
        try {
            Response response = watchHttp.newCall(request).execute();
            contact.answered();
            if (!response.isSuccessful()) {
                try (response) {
                    throw failure(response.code(), body(response));
                }
            }
            return response;
        } catch (IOException e) {
            throw transport(e);
        }
    }

    private Map<String, Object> call(Request request) throws ApiFailure {
        Response answer;
        try {
            answer = http.newCall(request).execute();
        } catch (IOException e) {
            throw transport(e);
        }
        contact.answered();
        try (Response response = answer) {
            String text = body(response);
            if (!response.isSuccessful()) {
                throw failure(response.code(), text);
            }
            return JsonTree.copyObject(GoJson.read(text));
        } catch (IOException e) {
            throw transport(e);
        } catch (IllegalArgumentException e) {
            throw new ApiFailure(0, "", "the API server answered with something that is not JSON");
        }
    }

    private HttpUrl url(String path, Map<String, String> query) {
        HttpUrl.Builder b = base.newBuilder();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                b.addPathSegment(segment);
            }
        }
        query.forEach(b::addQueryParameter);
        return b.build();
    }

    private static String body(Response response) throws IOException {
        ResponseBody body = response.body();
        return body == null ? "" : body.string();
    }

    /** The failure a non-2xx answer stands for, with the Status message when the body is one. */
    static ApiFailure failure(int code, String body) {
        try {
            Map<String, Object> status = JsonTree.copyObject(GoJson.read(body));
            String message = JsonTree.text(status.get("message"));
            return new ApiFailure(code, JsonTree.text(status.get("reason")),
                    message.isEmpty() ? "HTTP " + code : message);
        } catch (IllegalArgumentException notJson) {
            return new ApiFailure(code, "", "HTTP " + code);
        }
    }

    private ApiFailure transport(IOException e) {
        String message = e.getMessage();
        String cause = e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
        contact.noAnswer(cause);
        return new ApiFailure(0, "", "cannot reach the API server: " + cause);
    }
}
