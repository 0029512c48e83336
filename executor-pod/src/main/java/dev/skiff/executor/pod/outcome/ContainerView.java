package dev.skiff.executor.pod.outcome;

import dev.skiff.executor.pod.json.JsonTree;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * One container status of a pod.
 *
 * @param name       the container's name
 * @param ready      whether it is ready
 * @param state      which state it is in
 * @param reason     waiting or terminated reason
 * @param message    waiting or terminated message
 * @param exitCode   terminated exit code (0 otherwise)
 * @param startedAt  when it started running, if known
 * @param finishedAt when it terminated, if known
 */
public record ContainerView(String name, boolean ready, State state, String reason, String message, int exitCode,
                            Optional<Instant> startedAt, Optional<Instant> finishedAt) {

    /** A container's state; {@code NONE} when the kubelet reported none yet. */
    public enum State { WAITING, RUNNING, TERMINATED, NONE }

    static ContainerView of(Map<String, Object> status) {
        Map<String, Object> state = JsonTree.object(status.get("state"));
        String name = JsonTree.text(status.get("name"));
        boolean ready = JsonTree.bool(status.get("ready")).orElse(false);
        if (state.get("terminated") instanceof Map<?, ?>) {
            Map<String, Object> t = JsonTree.object(state.get("terminated"));
            Object code = t.get("exitCode");
            return new ContainerView(name, ready, State.TERMINATED, JsonTree.text(t.get("reason")),
                    JsonTree.text(t.get("message")), code instanceof Number n ? n.intValue() : 0,
                    time(t.get("startedAt")), time(t.get("finishedAt")));
        }
        if (state.get("running") instanceof Map<?, ?>) {
            return new ContainerView(name, ready, State.RUNNING, "", "", 0,
                    time(JsonTree.object(state.get("running")).get("startedAt")), Optional.empty());
        }
        if (state.get("waiting") instanceof Map<?, ?>) {
            Map<String, Object> w = JsonTree.object(state.get("waiting"));
            return new ContainerView(name, ready, State.WAITING, JsonTree.text(w.get("reason")),
                    JsonTree.text(w.get("message")), 0, Optional.empty(), Optional.empty());
        }
        return new ContainerView(name, ready, State.NONE, "", "", 0, Optional.empty(), Optional.empty());
    }

    static Optional<Instant> time(Object value) {
        String text = JsonTree.text(value);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
