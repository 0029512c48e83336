package dev.skiff.engine.core;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The pod fields of a step request: the template's, with what it inherits from its boundary and the workflow. */
final class PodSpecFields {

    /** Template fields that are the engine's business, not the pod's. */
    private static final Set<String> ENGINE_FIELDS = Set.of("name", "inputs", "outputs", "steps", "dag", "suspend",
            "retryStrategy", "parallelism", "failFast", "memoize", "synchronization", "metrics", "timeout",
            "pendingTimeout", "daemon", "archiveLocation", "executor", "cluster", "namespace");
    /** Workflow spec fields that pods inherit unless their template sets them. */
    private static final List<String> WORKFLOW_POD_FIELDS = List.of("securityContext", "serviceAccountName",
            "automountServiceAccountToken", "imagePullSecrets", "dnsConfig", "dnsPolicy", "podPriorityClassName",
            "schedulerName", "podMetadata", "hostNetwork");
    /** Fields a pod takes from its template, else the template of its boundary node, else the workflow. */
    private static final List<String> SCHEDULING_FIELDS = List.of("nodeSelector", "affinity", "tolerations");

    private PodSpecFields() {
    }

    /**
     * The template's pod fields with what it inherits, as Argo's createWorkflowPod and addSchedulingConstraints
     * combine them: node selector, affinity and tolerations from the template, else its boundary node's template,
     * else the workflow; host aliases of the workflow then the template; the workflow's podSpecPatch then the
     * template's (a list when both are set); other pod fields from the template, else the workflow.
     */
    static Map<String, Object> of(Ctx ctx, Template tmpl, Opts opts) {
        ObjectNode spec = tmpl.raw().deepCopy();
        ENGINE_FIELDS.forEach(spec::remove);
        ObjectNode wf = ctx.spec.raw();
        for (String field : WORKFLOW_POD_FIELDS) {
            if (!spec.has(field) && wf.has(field)) {
                spec.set(field, wf.get(field).deepCopy());
            }
        }
        JsonNode boundary = boundaryTemplate(ctx, opts);
        for (String field : SCHEDULING_FIELDS) {
            if (isEmpty(spec.get(field))) {
                JsonNode inherited = !isEmpty(boundary.get(field)) ? boundary.get(field) : wf.get(field);
                if (!isEmpty(inherited)) {
                    spec.set(field, inherited.deepCopy());
                } else {
                    spec.remove(field);
                }
            }
        }
        if (wf.path("hostAliases").isArray() && !wf.get("hostAliases").isEmpty()) {
            ArrayNode aliases = GoJson.MAPPER.createArrayNode();
            wf.get("hostAliases").forEach(a -> aliases.add(a.deepCopy()));
            tmpl.raw().path("hostAliases").forEach(a -> aliases.add(a.deepCopy()));
            spec.set("hostAliases", aliases);
        }
        List<JsonNode> patches = new ArrayList<>();
        for (JsonNode patch : List.of(wf.path("podSpecPatch"), tmpl.raw().path("podSpecPatch"))) {
            if (patch.isTextual() && !patch.textValue().isBlank()) {
                patches.add(patch);
            }
        }
        if (patches.size() == 2) {
            spec.putArray("podSpecPatch").addAll(patches);
        } else if (patches.size() == 1) {
            spec.set("podSpecPatch", patches.getFirst());
        }
        if (wf.path("volumes").isArray()) {
            ArrayNode volumes = spec.putArray("volumes");
            wf.get("volumes").forEach(v -> volumes.add(v.deepCopy()));
            tmpl.raw().path("volumes").forEach(v -> volumes.add(v.deepCopy()));
        }
        return GoJson.MAPPER.convertValue(spec, new TypeReference<Map<String, Object>>() { });
    }

    /** The raw template of the pod's boundary node (the steps or DAG template it runs in); empty when none. */
    private static JsonNode boundaryTemplate(Ctx ctx, Opts opts) {
        NodeStatus boundary = opts.boundaryId().isEmpty() ? null : ctx.state.byId(opts.boundaryId());
        return boundary == null ? GoJson.MAPPER.createObjectNode() : ctx.spec.template(boundary.templateName())
                .map(t -> (JsonNode) t.raw()).orElse(GoJson.MAPPER.createObjectNode());
    }

    /** Go's {@code len(x) > 0} / {@code x != nil} of a pod field: absent, null, {} and [] count as unset. */
    private static boolean isEmpty(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode() || value.isContainerNode() && value.isEmpty();
    }

}
