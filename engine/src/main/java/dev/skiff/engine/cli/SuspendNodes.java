package dev.skiff.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The changes {@code argo resume} and {@code argo stop --node-field-selector} make to a workflow, as
 * JSON merge patches carrying the read {@code resourceVersion} (so a concurrent controller write is
 * a 409 and the change is recomputed). Pure: the time is passed in.
 */
final class SuspendNodes {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SuspendNodes() {
    }

    /**
     * {@code argo resume WORKFLOW}: {@code spec.suspend} removed, and every running suspend node
     * Succeeded with its finish time; output parameters still waiting for a value
     * ({@code valueFrom.supplied}) take their default. Empty when there is nothing to change.
     *
     * @throws CommandFailedException when such a parameter has no default
     */
    static Optional<ObjectNode> resumePatch(ObjectNode stored, Instant now) {
        ObjectNode wf = CompressedNodes.expanded(stored);
        ObjectNode patch = versioned(wf);
        boolean changed = false;
        if (wf.path("spec").path("suspend").asBoolean(false)) {
            patch.putObject("spec").putNull("suspend");
            changed = true;
        }
        ObjectNode nodes = JSON.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = wf.path("status").path("nodes").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode node = entry.getValue();
            if (!WorkflowStatusText.isActiveSuspendNode(node)) {
                continue;
            }
            ObjectNode change = nodes.putObject(entry.getKey()).put("phase", "Succeeded");
            String message = node.path("message").asText("");
            setMessage(change, message.isEmpty() ? "" : message + "; ");
            change.put("finishedAt", time(now));
            suppliedDefaults(node).ifPresent(params -> change.putObject("outputs").set("parameters", params));
        }
        if (!nodes.isEmpty()) {
            patch.set("status", statusChange(stored, wf, nodes));
            changed = true;
        }
        return changed ? Optional.of(patch) : Optional.empty();
    }

    /**
     * {@code argo resume|stop --node-field-selector}: the running suspend nodes the selector matches
     * get {@code phase} (and, when given, {@code message}) and their finish time.
     *
     * @throws CommandFailedException when no running suspend node matches
     */
    static ObjectNode selectedPatch(ObjectNode stored, NodeFieldSelector selector, String phase, String message,
                                    Instant now) {
        ObjectNode wf = CompressedNodes.expanded(stored);
        ObjectNode nodes = JSON.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = wf.path("status").path("nodes").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (WorkflowStatusText.isActiveSuspendNode(entry.getValue()) && selector.matches(entry.getValue())) {
                ObjectNode change = nodes.putObject(entry.getKey()).put("phase", phase);
                change.put("finishedAt", time(now));
                if (!message.isEmpty()) {
                    change.put("message", message);
                }
            }
        }
        if (nodes.isEmpty()) {
            throw new CommandFailedException("no running suspend node of workflow " + WorkflowObjects.name(wf)
                    + " matches --node-field-selector " + selector);
        }
        ObjectNode patch = versioned(wf);
        patch.set("status", statusChange(stored, wf, nodes));
        return patch;
    }

    /**
     * The status part of the patch: the changed nodes merged into {@code status.nodes}, or, when the
     * controller stores them compressed, the whole changed node map compressed again (as Argo's
     * hydrator does when it writes).
     */
    private static ObjectNode statusChange(ObjectNode stored, ObjectNode expanded, ObjectNode changes) {
        ObjectNode status = JSON.objectNode();
        if (!CompressedNodes.isCompressed(stored)) {
            status.set("nodes", changes);
            return status;
        }
        ObjectNode all = expanded.path("status").path("nodes").deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = changes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> change = it.next();
            ObjectNode node = (ObjectNode) all.get(change.getKey());
            for (Iterator<Map.Entry<String, JsonNode>> f = change.getValue().fields(); f.hasNext(); ) {
                Map.Entry<String, JsonNode> field = f.next();
                if (field.getValue().isNull()) {
                    node.remove(field.getKey());
                } else if (field.getKey().equals("outputs")) {
                    node.withObjectProperty("outputs").setAll((ObjectNode) field.getValue());
                } else {
                    node.set(field.getKey(), field.getValue());
                }
            }
        }
        status.put(CompressedNodes.FIELD, CompressedNodes.encode(all));
        return status;
    }

    private static ObjectNode versioned(JsonNode wf) {
        ObjectNode patch = JSON.objectNode();
        patch.putObject("metadata").put("resourceVersion", WorkflowObjects.resourceVersion(wf));
        return patch;
    }

    /** Go leaves an empty message out of the JSON; a merge patch removes it with null. */
    private static void setMessage(ObjectNode change, String message) {
        if (message.isEmpty()) {
            change.putNull("message");
        } else {
            change.put("message", message);
        }
    }

    private static Optional<ArrayNode> suppliedDefaults(JsonNode node) {
        JsonNode params = node.path("outputs").path("parameters");
        boolean changed = false;
        ArrayNode out = JSON.arrayNode();
        for (JsonNode p : params) {
            ObjectNode copy = p.deepCopy();
            if (p.path("valueFrom").has("supplied")) {
                if (!p.path("valueFrom").has("default")) {
                    throw new CommandFailedException("raw output parameter '" + p.path("name").asText()
                            + "' has not been set and does not have a default value");
                }
                copy.set("value", p.path("valueFrom").get("default"));
                copy.remove("valueFrom");
                changed = true;
            }
            out.add(copy);
        }
        return changed ? Optional.of(out) : Optional.empty();
    }

    static String time(Instant now) {
        return now.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
