package dev.skiff.engine.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The latest Workflow objects the watches and the controller's own writes have seen, by key. An object older than
 * the one held (by resourceVersion) is ignored, so a late watch event never replaces what a write returned.
 */
final class WorkflowCache {

    /** One cached object; {@code object} is shared and must not be changed. */
    record Entry(ObjectNode object, String resourceVersion, String uid) {

        String label(String name) {
            return object.path("metadata").path("labels").path(name).asText("");
        }
    }

    private final Map<WorkflowKey, Entry> entries = new ConcurrentHashMap<>();

    /** Stores the object unless an newer one of the same workflow is held; true when stored. */
    boolean put(WorkflowKey key, ObjectNode object) {
        Entry entry = entry(object);
        boolean[] stored = {false};
        entries.compute(key, (k, old) -> {
            if (old != null && old.uid.equals(entry.uid)
                    && ResourceVersions.compare(entry.resourceVersion, old.resourceVersion) < 0) {
                return old;
            }
            stored[0] = old == null || !old.resourceVersion.equals(entry.resourceVersion);
            return entry;
        });
        return stored[0];
    }

    void remove(WorkflowKey key) {
        entries.remove(key);
    }

    Optional<Entry> get(WorkflowKey key) {
        return Optional.ofNullable(entries.get(key));
    }

    Set<WorkflowKey> keys() {
        return Set.copyOf(entries.keySet());
    }

    /** Removes the entries a relist no longer holds (within its scope); returns their keys. */
    Set<WorkflowKey> retainOnly(Predicate<WorkflowKey> scope, Set<WorkflowKey> listed) {
        Set<WorkflowKey> gone = new java.util.HashSet<>();
        for (WorkflowKey key : entries.keySet()) {
            if (scope.test(key) && !listed.contains(key)) {
                entries.remove(key);
                gone.add(key);
            }
        }
        return gone;
    }

    /** Workflows by their {@code workflows.argoproj.io/phase} label ("" for none yet). */
    Map<String, Long> countByPhase() {
        Map<String, Long> counts = new HashMap<>();
        entries.values().forEach(e -> counts.merge(e.label("workflows.argoproj.io/phase"), 1L, Long::sum));
        return counts;
    }

    int size() {
        return entries.size();
    }

    static Entry entry(ObjectNode object) {
        var metadata = object.path("metadata");
        return new Entry(object, metadata.path("resourceVersion").asText(""), metadata.path("uid").asText(""));
    }
}
