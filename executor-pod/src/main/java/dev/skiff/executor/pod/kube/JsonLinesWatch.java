package dev.skiff.executor.pod.kube;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.models.V1Status;
import io.kubernetes.client.util.Watch;
import io.kubernetes.client.util.Watchable;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import java.io.IOException;
import java.util.Iterator;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * A watch stream (one JSON event per line) as the official client's informers read it: objects stay raw JSON
 * ({@link DynamicKubernetesObject}); an {@code ERROR} event carries its Status (410 Gone makes the informer
 * list again).
 */
final class JsonLinesWatch implements Watchable<DynamicKubernetesObject> {

    private final Response response;
    private final BufferedSource source;

    JsonLinesWatch(Response response) {
        this.response = response;
        this.source = response.body().source();
    }

    @Override
    public boolean hasNext() {
        try {
            return !source.exhausted();
        } catch (IllegalStateException closed) {
            return false;
        } catch (IOException e) {
            throw new RuntimeException("IO Exception during hasNext method.", e);
        }
    }

    @Override
    public Watch.Response<DynamicKubernetesObject> next() {
        String line;
        try {
            line = source.readUtf8Line();
        } catch (IOException e) {
            throw new RuntimeException("IO Exception during next method.", e);
        }
        if (line == null) {
            throw new java.util.NoSuchElementException("watch ended");
        }
        JsonObject event;
        try {
            JsonElement parsed = JsonParser.parseString(line);
            event = parsed.getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new RuntimeException("a watch event that is not JSON", e);
        }
        String type = event.has("type") ? event.get("type").getAsString() : "";
        JsonObject object = event.has("object") && event.get("object").isJsonObject()
                ? event.getAsJsonObject("object") : new JsonObject();
        if ("ERROR".equals(type)) {
            V1Status status = new V1Status();
            if (object.has("code")) {
                status.setCode(object.get("code").getAsInt());
            }
            if (object.has("message")) {
                status.setMessage(object.get("message").getAsString());
            }
            if (object.has("reason")) {
                status.setReason(object.get("reason").getAsString());
            }
            return new Watch.Response<>(type, status);
        }
        return new Watch.Response<>(type, new DynamicKubernetesObject(object));
    }

    @Override
    public Iterator<Watch.Response<DynamicKubernetesObject>> iterator() {
        return this;
    }

    @Override
    public void close() {
        response.close();
    }
}
