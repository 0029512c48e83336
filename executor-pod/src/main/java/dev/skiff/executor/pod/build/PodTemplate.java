package dev.skiff.executor.pod.build;

import dev.skiff.executor.pod.json.JsonTree;
import dev.skiff.spi.executor.StepRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the pod builder reads of a request: the processed template (Argo's {@code ARGO_TEMPLATE}) and its pod
 * fields merged with the workflow-level ones ({@link StepRequest#podSpec()}).
 */
final class PodTemplate {

    /**
     * The template kinds that run as a pod: a user's main container (container, script), or argoexec as main
     * (resource: {@code argoexec resource}, data: {@code argoexec data}).
     */
    enum Kind { CONTAINER, SCRIPT, RESOURCE, DATA }

    private final Map<String, Object> template;
    private final Map<String, Object> podSpec;
    private final Kind kind;

    PodTemplate(StepRequest request) throws PodBuildException {
        this.template = request.template();
        this.podSpec = request.podSpec();
        for (String refused : List.of("containerSet", "http", "plugin")) {
            if (template.containsKey(refused) || podSpec.containsKey(refused)) {
                throw new PodBuildException(refused + " templates are not supported by Skiff's pod executor yet;"
                        + " only container, script, resource and data templates run as pods");
            }
        }
        if (template.get("resource") instanceof Map<?, ?>) {
            kind = Kind.RESOURCE;
        } else if (template.get("data") instanceof Map<?, ?>) {
            kind = Kind.DATA;
        } else if (field("script") instanceof Map<?, ?>) {
            kind = Kind.SCRIPT;
        } else if (field("container") instanceof Map<?, ?>) {
            kind = Kind.CONTAINER;
        } else {
            throw new PodBuildException("template " + request.templateName() + " has neither container, script,"
                    + " resource nor data");
        }
    }

    Kind kind() {
        return kind;
    }

    /** A pod field: the template's, else the workflow's it inherits. */
    Object field(String name) {
        Object value = podSpec.get(name);
        return value != null ? value : template.get(name);
    }

    /** Whether main is a user's container (container, script) rather than argoexec (resource, data). */
    boolean userMain() {
        return kind == Kind.CONTAINER || kind == Kind.SCRIPT;
    }

    /** The main container as the template declares it (a script's container without its source). */
    Map<String, Object> mainContainer() {
        Map<String, Object> container = JsonTree.copyObject(field(kind == Kind.SCRIPT ? "script" : "container"));
        container.remove("source");
        return container;
    }

    /** A resource template's {@code resource} (action, manifest, conditions, ...); empty for other kinds. */
    Map<String, Object> resource() {
        return JsonTree.object(template.get("resource"));
    }

    /** A data template's {@code data} (source, transformation); empty for other kinds. */
    Map<String, Object> data() {
        return JsonTree.object(template.get("data"));
    }

    /**
     * Whether the pod has Argo's {@code wait} container: always, except for data templates and resource templates
     * that do not archive their logs (argoexec in main reports the outputs itself).
     */
    boolean hasWaitContainer() {
        return switch (kind) {
            case CONTAINER, SCRIPT -> true;
            case DATA -> false;
            case RESOURCE -> JsonTree.bool(JsonTree.object(template.get("archiveLocation")).get("archiveLogs"))
                    .orElse(false);
        };
    }

    /** Whether the script has a source (Argo then appends the staged script's path to the arguments). */
    boolean hasScriptSource() {
        return kind == Kind.SCRIPT && !JsonTree.text(JsonTree.object(field("script")).get("source")).isEmpty();
    }

    /** The main container's own volume mounts (Argo's Template.GetVolumeMounts). */
    List<Map<String, Object>> mainVolumeMounts() {
        if (!userMain()) {
            return List.of();
        }
        return objects(JsonTree.object(field(kind == Kind.SCRIPT ? "script" : "container")).get("volumeMounts"));
    }

    /** The template's own volumes (always on the pod). */
    List<Map<String, Object>> templateVolumes() {
        return objects(template.get("volumes"));
    }

    /** Every volume a mount may name: the template's first, then the workflow's. */
    Optional<Map<String, Object>> volume(String name) {
        List<Map<String, Object>> candidates = new ArrayList<>(templateVolumes());
        candidates.addAll(objects(podSpec.get("volumes")));
        return candidates.stream().filter(v -> name.equals(JsonTree.text(v.get("name")))).findFirst();
    }

    List<Map<String, Object>> initContainers() {
        return objects(field("initContainers"));
    }

    List<Map<String, Object>> sidecars() {
        return objects(field("sidecars"));
    }

    List<Map<String, Object>> inputArtifacts() {
        return objects(JsonTree.object(template.get("inputs")).get("artifacts"));
    }

    List<Map<String, Object>> outputArtifacts() {
        return objects(JsonTree.object(template.get("outputs")).get("artifacts"));
    }

    /** The processed template itself (read-only). */
    Map<String, Object> template() {
        return template;
    }

    static List<Map<String, Object>> objects(Object list) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object item : JsonTree.list(list)) {
            if (item instanceof Map<?, ?>) {
                out.add(JsonTree.copyObject(item));
            }
        }
        return out;
    }
}
