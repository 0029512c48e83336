package dev.skiff.engine.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One event of a watch.
 *
 * @param type   {@code ADDED}, {@code MODIFIED}, {@code DELETED}, {@code BOOKMARK} or {@code ERROR}
 * @param object the object (for {@code ERROR} a {@code Status})
 */
public record WatchEvent(String type, ObjectNode object) {

    /** The object's {@code metadata.resourceVersion}, or "". */
    public String resourceVersion() {
        return object.path("metadata").path("resourceVersion").asText("");
    }
}
