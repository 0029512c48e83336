package dev.skiff.engine.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Argo's {@code JoinWorkflowSpec} (without controller-wide workflow defaults, which Skiff does not have): the spec
 * a Workflow with {@code workflowTemplateRef} runs. The Workflow's spec is put over the WorkflowTemplate's as a
 * strategic merge patch ({@code MergeTo}: the Workflow wins field by field; templates, parameters, artifacts,
 * volumes merge by name); hooks and {@code workflowMetadata.labelsFrom} are not merged but taken whole, the
 * Workflow's first; {@code suspend} is the Workflow's alone; and a parameter or artifact with a value is the
 * whole entry of the Workflow if it has one there, else the WorkflowTemplate's (so a value, default and valueFrom
 * from different places are never mixed).
 */
public final class WorkflowSpecMerge {

    private static final List<String> LOCATIONS = List.of("s3", "git", "http", "artifactory", "hdfs", "raw", "oss",
            "gcs", "azure", "plugin");

    private WorkflowSpecMerge() {
    }

    /**
     * The spec a Workflow with {@code workflowTemplateRef} runs: {@code workflowSpec} merged over the referenced
     * {@code templateSpec}.
     *
     * @throws dev.skiff.engine.model.WorkflowFormatException when the merged spec has a field of the wrong type
     */
    public static dev.skiff.engine.model.WorkflowSpec join(dev.skiff.engine.model.WorkflowSpec workflowSpec,
                                                           dev.skiff.engine.model.WorkflowSpec templateSpec) {
        return dev.skiff.engine.model.WorkflowSpec.of(join(workflowSpec.raw(), templateSpec.raw()));
    }

    /** The merged spec; neither argument is changed. */
    static ObjectNode join(ObjectNode workflowSpec, ObjectNode templateSpec) {
        ObjectNode template = templateSpec.deepCopy();
        JsonNode templateHooks = template.remove("hooks");
        JsonNode templateLabelsFrom = template.get("workflowMetadata") instanceof ObjectNode md
                ? md.remove("labelsFrom") : null;
        ObjectNode merged = TemplateDefaultsMerge.mergeSpec(template, workflowSpec);
        addMissing(merged, "hooks", templateHooks);
        if (templateLabelsFrom instanceof ObjectNode labelsFrom && !labelsFrom.isEmpty()) {
            addMissing(merged.withObjectProperty("workflowMetadata"), "labelsFrom", labelsFrom);
        }
        merged.remove("suspend");
        if (workflowSpec.hasNonNull("suspend")) {
            merged.set("suspend", workflowSpec.get("suspend").deepCopy());
        }
        fixParameters(merged, workflowSpec, templateSpec);
        fixArtifacts(merged, workflowSpec, templateSpec);
        return merged;
    }

    private static void addMissing(ObjectNode target, String field, JsonNode from) {
        if (!(from instanceof ObjectNode entries) || entries.isEmpty()) {
            return;
        }
        ObjectNode into = target.withObjectProperty(field);
        entries.properties().forEach(e -> {
            if (!into.has(e.getKey())) {
                into.set(e.getKey(), e.getValue().deepCopy());
            }
        });
    }

    /** A merged parameter with a value is replaced by the highest-priority one with a value. */
    private static void fixParameters(ObjectNode merged, ObjectNode workflowSpec, ObjectNode templateSpec) {
        if (!(merged.path("arguments").path("parameters") instanceof ArrayNode params)) {
            return;
        }
        Map<String, JsonNode> fromWorkflow = withValue(workflowSpec);
        Map<String, JsonNode> fromTemplate = withValue(templateSpec);
        for (int i = 0; i < params.size(); i++) {
            JsonNode p = params.get(i);
            if (!hasValue(p)) {
                continue;
            }
            String name = p.path("name").asText("");
            JsonNode winner = fromWorkflow.containsKey(name) ? fromWorkflow.get(name) : fromTemplate.get(name);
            if (winner != null) {
                params.set(i, winner.deepCopy());
            }
        }
    }

    private static Map<String, JsonNode> withValue(ObjectNode spec) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode p : spec.path("arguments").path("parameters")) {
            if (hasValue(p)) {
                out.put(p.path("name").asText(""), p);
            }
        }
        return out;
    }

    /** Argo's {@code Parameter.HasValue}. */
    private static boolean hasValue(JsonNode p) {
        return p.hasNonNull("value") || p.hasNonNull("default") || p.hasNonNull("valueFrom");
    }

    /**
     * Argo's {@code mergeArtifactOverride}: the Workflow's artifact (else the WorkflowTemplate's) wins whole,
     * except that a location of the same kind keeps the fields the winner does not set.
     */
    private static void fixArtifacts(ObjectNode merged, ObjectNode workflowSpec, ObjectNode templateSpec) {
        if (!(merged.path("arguments").path("artifacts") instanceof ArrayNode artifacts)) {
            return;
        }
        Map<String, JsonNode> fromWorkflow = byName(workflowSpec);
        Map<String, JsonNode> fromTemplate = byName(templateSpec);
        for (int i = 0; i < artifacts.size(); i++) {
            JsonNode base = artifacts.get(i);
            String name = base.path("name").asText("");
            JsonNode override = fromWorkflow.containsKey(name) ? fromWorkflow.get(name) : fromTemplate.get(name);
            if (!(override instanceof ObjectNode winner)) {
                continue;
            }
            ObjectNode result = winner.deepCopy();
            String kind = location(winner);
            if (!kind.isEmpty() && kind.equals(location(base)) && base.get(kind) instanceof ObjectNode baseLocation
                    && winner.get(kind) instanceof ObjectNode winnerLocation) {
                result.set(kind, TemplateDefaultsMerge.mergeSpec(baseLocation, winnerLocation));
            }
            artifacts.set(i, result);
        }
    }

    private static Map<String, JsonNode> byName(ObjectNode spec) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode a : spec.path("arguments").path("artifacts")) {
            out.put(a.path("name").asText(""), a);
        }
        return out;
    }

    private static String location(JsonNode artifact) {
        for (String kind : LOCATIONS) {
            if (artifact.hasNonNull(kind)) {
                return kind;
            }
        }
        return "";
    }
}
