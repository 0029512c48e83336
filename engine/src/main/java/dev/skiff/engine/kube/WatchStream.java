package dev.skiff.engine.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;

/** The events of one watch request, one JSON object per line. Closing it ends a blocked {@link #next()}. */
public final class WatchStream implements AutoCloseable {

    private final LineStream lines;

    WatchStream(LineStream lines) {
        this.lines = lines;
    }

    /**
     * The next event; empty when the server ended the watch (its timeout) or the stream was closed.
     *
     * @throws KubeApiException when the connection broke or an event cannot be read
     */
    public Optional<WatchEvent> next() {
        while (true) {
            Optional<String> line = lines.next();
            if (line.isEmpty()) {
                return Optional.empty();
            }
            if (line.get().isBlank()) {
                continue;
            }
            JsonNode event;
            try {
                event = KubeRest.JSON.readTree(line.get());
            } catch (IOException e) {
                throw new KubeApiException(200, "", "unexpected watch event from the API server (not JSON)", "");
            }
            if (!(event.path("object") instanceof ObjectNode object)) {
                throw new KubeApiException(200, "", "unexpected watch event from the API server (no object)", "");
            }
            return Optional.of(new WatchEvent(event.path("type").asText(""), object));
        }
    }

    @Override
    public void close() {
        lines.close();
    }
}
