package dev.skiff.engine.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.Response;

/**
 * One watch request of a list-and-watch loop: from a resourceVersion until the server ends the stream (or the
 * watcher closes), with bookmarks and a server-side timeout between 5 and 10 minutes (as client-go's reflector
 * asks), so connections are renewed. An {@code ERROR} event ends it as an {@link ApiFailure} (410 Gone among them).
 */
final class WatchRequest {

    /** What a watcher does with each other event; returns the resourceVersion seen after it. */
    interface Events {
        String apply(String type, ObjectNode object, String version) throws ApiFailure;
    }

    private WatchRequest() {
    }

    /**
     * Watches {@code path} from {@code resourceVersion}; {@code opened} gets the call while it is open (and
     * {@code null} after), so that closing the watcher can cancel it. Returns the last resourceVersion seen.
     */
    static String follow(KubeJson api, String path, String labelSelector, String resourceVersion,
                         Consumer<Call> opened, BooleanSupplier closed, Events events)
            throws ApiFailure, IOException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("watch", "true");
        if (!labelSelector.isEmpty()) {
            query.put("labelSelector", labelSelector);
        }
        query.put("resourceVersion", resourceVersion);
        query.put("allowWatchBookmarks", "true");
        query.put("timeoutSeconds", String.valueOf(300 + ThreadLocalRandom.current().nextInt(300)));
        String version = resourceVersion;
        Call call = api.watchCall(path, query);
        opened.accept(call);
        if (closed.getAsBoolean()) {
            return version;
        }
        try (Response response = KubeJson.open(call);
             MappingIterator<ObjectNode> stream = KubeJson.JSON.readerFor(ObjectNode.class)
                     .readValues(response.body().byteStream())) {
            while (!closed.getAsBoolean() && stream.hasNextValue()) {
                ObjectNode event = stream.nextValue();
                String type = event.path("type").asText("");
                JsonNode object = event.path("object");
                if (type.equals("ERROR")) {
                    throw new ApiFailure(object.path("code").asInt(0), object.path("reason").asText(""),
                            "watch error: " + object.path("message").asText(""), Optional.empty());
                }
                if (object instanceof ObjectNode o) {
                    version = events.apply(type, o, version);
                }
            }
        } finally {
            opened.accept(null);
        }
        return version;
    }
}
