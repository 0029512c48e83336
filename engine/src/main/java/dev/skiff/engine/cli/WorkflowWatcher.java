package dev.skiff.engine.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.kube.KubeApiException;
import dev.skiff.engine.kube.WatchEvent;
import dev.skiff.engine.kube.WatchStream;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Follows one Workflow object until it is done: a read, then a watch from its resource version
 * (renewed when the server ends it, re-read after {@code 410 Gone}). Every version seen goes to a
 * consumer. No polling: the API server pushes each change.
 */
final class WorkflowWatcher {

    /** How long the server keeps one watch request open before we renew it. */
    private static final int WATCH_SECONDS = 300;

    private final WorkflowApi api;

    WorkflowWatcher(WorkflowApi api) {
        this.api = api;
    }

    /**
     * Blocks until the workflow is done and returns its final version.
     *
     * @param onChange each version seen, the first one included
     * @throws CommandFailedException when the workflow does not exist or is deleted meanwhile
     */
    ObjectNode untilDone(String name, Consumer<ObjectNode> onChange) {
        ObjectNode current = api.require(name);
        String workflowName = WorkflowObjects.name(current);
        onChange.accept(current);
        String version = WorkflowObjects.resourceVersion(current);
        while (!WorkflowObjects.isDone(current)) {
            String from = version;
            try (WatchStream events = api.call(() -> api.resources().watch(api.namespace(), "",
                    "metadata.name=" + workflowName, from, WATCH_SECONDS))) {
                Optional<WatchEvent> event;
                while ((event = events.next()).isPresent()) {
                    WatchEvent e = event.get();
                    switch (e.type()) {
                        case "BOOKMARK" -> version = e.resourceVersion();
                        case "DELETED" -> throw new CommandFailedException("workflow " + workflowName
                                + " was deleted from namespace " + api.namespace() + " before it finished");
                        case "ERROR" -> {
                            if (e.object().path("code").asInt() != 410) {
                                throw new KubeApiException(e.object().path("code").asInt(),
                                        e.object().path("reason").asText(""), e.object().path("message").asText(""),
                                        "");
                            }
                            // the version is too old: read the object again and watch from there
                            current = api.require(workflowName);
                            onChange.accept(current);
                            version = WorkflowObjects.resourceVersion(current);
                        }
                        default -> {
                            current = e.object();
                            version = e.resourceVersion();
                            onChange.accept(current);
                        }
                    }
                    if (WorkflowObjects.isDone(current) || "ERROR".equals(e.type())) {
                        break;
                    }
                }
            }
        }
        return current;
    }
}
