package dev.skiff.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code spec} of a workflow: what the engine interprets; {@link #raw()} keeps the rest.
 *
 * @param entrypoint            template to start with
 * @param arguments             workflow arguments ({@code -p} overrides them)
 * @param templates             the templates
 * @param onExit                exit handler template
 * @param hooks                 workflow lifecycle hooks ({@code exit} is the exit handler)
 * @param parallelism           at most this many pods at once
 * @param activeDeadlineSeconds the workflow fails after this many seconds
 * @param retryStrategy         default retry strategy of every template
 * @param templateDefaults      fields every template gets unless it sets them
 * @param workflowTemplateRef   {@code workflowTemplateRef}: the WorkflowTemplate whose spec this one is merged over
 * @param raw                   the spec as written
 */
public record WorkflowSpec(String entrypoint, Arguments arguments, List<Template> templates, String onExit,
                           Map<String, LifecycleHook> hooks, Optional<Long> parallelism,
                           Optional<Long> activeDeadlineSeconds, Optional<RetryStrategy> retryStrategy,
                           Optional<ObjectNode> templateDefaults, Optional<WorkflowTemplateRef> workflowTemplateRef,
                           ObjectNode raw) {

    public WorkflowSpec {
        templates = List.copyOf(templates);
        hooks = Map.copyOf(hooks);
    }

    /** Whether {@code workflowTemplateRef} is set. */
    public boolean hasWorkflowTemplateRef() {
        return workflowTemplateRef.isPresent();
    }

    /**
     * The interpreted form of a spec given as JSON (such as a spec merged from a Workflow and a WorkflowTemplate).
     *
     * @throws WorkflowFormatException when a field has the wrong type, naming it
     */
    public static WorkflowSpec of(ObjectNode raw) {
        return read(raw, "spec");
    }

    /** The template with this name. */
    public Optional<Template> template(String name) {
        for (Template t : templates) {
            if (t.name().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The workflow's exit handler: {@code onExit}, else {@code hooks.exit}, with the workflow's arguments. */
    public Optional<LifecycleHook> exitHook() {
        if (!onExit.isEmpty()) {
            return Optional.of(new LifecycleHook(onExit, arguments, "", Optional.empty()));
        }
        LifecycleHook hook = hooks.get(LifecycleHook.EXIT);
        if (hook == null) {
            return Optional.empty();
        }
        boolean emptyArgs = hook.arguments().isEmpty();
        return Optional.of(emptyArgs ? new LifecycleHook(hook.template(), arguments, hook.expression(),
                hook.templateRef()) : hook);
    }

    /** {@code spec.shutdown}: {@code Stop}, {@code Terminate}, or "" (Argo's ShutdownStrategy). */
    public String shutdown() {
        JsonNode value = raw.get("shutdown");
        return value != null && value.isTextual() ? value.textValue() : "";
    }

    /** {@code spec.suspend}: whether the workflow is suspended (nothing new starts until it is cleared). */
    public boolean suspend() {
        JsonNode value = raw.get("suspend");
        return value != null && value.isBoolean() && value.booleanValue();
    }

    /** {@code spec.podGC}, if set and an object. */
    public Optional<PodGc> podGc() {
        JsonNode value = raw.get("podGC");
        return value instanceof ObjectNode o ? Optional.of(PodGc.read(o)) : Optional.empty();
    }

    /** {@code spec.ttlStrategy}, if set and an object. */
    public Optional<TtlStrategy> ttlStrategy() {
        JsonNode value = raw.get("ttlStrategy");
        return value instanceof ObjectNode o ? Optional.of(TtlStrategy.read(o)) : Optional.empty();
    }

    /** {@code spec.podMetadata.labels}: labels every pod of the workflow carries. */
    public Map<String, String> podLabels() {
        JsonNode metadata = raw.get("podMetadata");
        return metadata instanceof ObjectNode o ? JsonFields.stringMap(o, "labels", "spec.podMetadata") : Map.of();
    }

    static WorkflowSpec read(ObjectNode node, String path) {
        List<Template> templates = new ArrayList<>();
        int i = 0;
        for (JsonNode t : JsonFields.list(node, "templates", path)) {
            String p = path + ".templates[" + i++ + "]";
            if (!t.isObject()) {
                throw JsonFields.mismatch(p, "an object", t);
            }
            templates.add(Template.read((ObjectNode) t, p));
        }
        return new WorkflowSpec(JsonFields.text(node, "entrypoint", path), Arguments.read(node, path), templates,
                JsonFields.text(node, "onExit", path), LifecycleHook.readAll(node, path),
                JsonFields.integer(node, "parallelism", path),
                JsonFields.integer(node, "activeDeadlineSeconds", path), RetryStrategy.read(node, path),
                JsonFields.object(node, "templateDefaults", path),
                WorkflowTemplateRef.read(node, path), node);
    }
}
