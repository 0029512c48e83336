package dev.skiff.engine.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import dev.skiff.engine.model.Artifact;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.model.Outputs;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowStatus;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Argo's artifact garbage collection, the pure part (workflow/controller/artifact_gc.go): which output artifacts of a
 * workflow's pod nodes a strategy deletes ({@code artifactGC.strategy} of the artifact, else of the spec; none means
 * {@code Never}), where they are stored, and the status after they were deleted ({@code deleted: true} on each, as
 * Argo records it). The caller deletes.
 */
public final class ArtifactGarbage {

    /** Deleted once the workflow completed. */
    public static final String ON_COMPLETION = "OnWorkflowCompletion";
    /** Deleted once the workflow object is deleted. */
    public static final String ON_DELETION = "OnWorkflowDeletion";

    /** One artifact to delete. */
    public record Target(String nodeId, String artifact, URI location) {
    }

    private ArtifactGarbage() {
    }

    /** Argo's GetArtifactGCStrategy: the artifact's strategy, else the workflow's, else {@code Never}. */
    static String strategy(Workflow wf, Artifact art) {
        String own = art.raw().path("artifactGC").path("strategy").asText("");
        if (!own.isEmpty()) {
            return own;
        }
        JsonNode spec = wf.status().flatMap(WorkflowStatus::storedWorkflowTemplateSpec).map(s -> (JsonNode) s)
                .filter(s -> s.path("artifactGC").isObject()).orElse(wf.spec().raw());
        String workflow = spec.path("artifactGC").path("strategy").asText("");
        return workflow.isEmpty() ? "Never" : workflow;
    }

    /** The artifacts {@code strategy} deletes that are not deleted yet, in node-id order, with their locations. */
    public static List<Target> collect(Workflow wf, ArtifactRepository repository, String strategy) {
        List<Target> out = new ArrayList<>();
        Map<String, NodeStatus> nodes = wf.status().map(WorkflowStatus::nodes).orElse(Map.of());
        nodes.keySet().stream().sorted().map(nodes::get).filter(n -> n.type() == NodeType.POD).forEach(n -> {
            for (Artifact art : n.outputs().map(Outputs::artifacts).orElse(List.of())) {
                if (strategy(wf, art).equals(strategy) && !art.raw().path("deleted").asBoolean(false)
                        && art.key().isPresent()) {
                    try {
                        out.add(new Target(n.id(), art.name(), repository.locationOf(art, art.key().get())));
                    } catch (ReconcileException e) {
                        // No location (no repository): nothing was stored, nothing to delete.
                    }
                }
            }
        });
        return out;
    }

    /** The workflow with each deleted artifact marked {@code deleted: true}. */
    public static Workflow markDeleted(Workflow wf, Collection<Target> deleted) {
        if (deleted.isEmpty() || wf.status().isEmpty()) {
            return wf;
        }
        WorkflowStatus status = wf.status().get();
        Map<String, NodeStatus> nodes = new LinkedHashMap<>(status.nodes());
        for (Target t : deleted) {
            NodeStatus node = nodes.get(t.nodeId());
            Optional<Outputs> outputs = node == null ? Optional.empty() : node.outputs();
            if (outputs.isEmpty()) {
                continue;
            }
            List<Artifact> marked = outputs.get().artifacts().stream().map(a -> a.name().equals(t.artifact())
                    ? a.withField("deleted", BooleanNode.TRUE) : a).toList();
            nodes.put(t.nodeId(), node.withOutputs(Optional.of(new Outputs(outputs.get().parameters(), marked,
                    outputs.get().result(), outputs.get().exitCode()))));
        }
        return wf.withStatus(new WorkflowStatus(status.phase(), status.startedAt(), status.finishedAt(),
                status.progress(), status.message(), nodes, status.outputs(), status.conditions(),
                status.storedTemplates(), status.storedWorkflowTemplateSpec()));
    }
}
