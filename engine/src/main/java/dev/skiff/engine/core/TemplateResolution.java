package dev.skiff.engine.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.ResourceScope;
import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.TemplateKind;
import dev.skiff.engine.model.TemplateRef;
import dev.skiff.engine.model.WorkflowTemplate;
import java.util.Map;
import java.util.Optional;

/**
 * Argo's template resolution ({@code workflow/templateresolution/context.go}): finds the template a call runs,
 * by name in the caller's base, inline, or in a WorkflowTemplate or ClusterWorkflowTemplate by
 * {@code templateRef}; says in which base the template's own calls resolve; and keeps what came from
 * WorkflowTemplates in {@code status.storedTemplates}, which later resolutions read first (so a running workflow
 * is not changed by an edited WorkflowTemplate). Errors carry Argo's words.
 */
final class TemplateResolution {

    /**
     * A resolved call.
     *
     * @param template the template, as found (template defaults not applied yet)
     * @param base     where the template's own calls resolve
     */
    record Resolved(Template template, TemplateBase base) {
    }

    private TemplateResolution() {
    }

    /** Argo's {@code ResolveTemplate}. */
    static Resolved resolve(Ctx ctx, Call call) {
        Optional<String> key = call.storedKey();
        ObjectNode raw = key.map(ctx.storedTemplates::get).map(ObjectNode::deepCopy).orElse(null);
        if (raw == null) {
            raw = find(ctx, call);
            if (key.isPresent()) {
                store(ctx, key.get(), raw);
            }
            storeInlineChildren(ctx, call, raw);
        }
        TemplateBase base = newBase(ctx, call);
        Template template = read(raw, call.inline().isPresent() ? "inline" : "template");
        if (template.kind() == TemplateKind.NONE) {
            throw new ReconcileException("template '" + template.name() + "' type is unknown");
        }
        return new Resolved(template, base);
    }

    private static Template read(ObjectNode raw, String path) {
        try {
            return Template.read(raw, path);
        } catch (dev.skiff.engine.model.WorkflowFormatException e) {
            throw new ReconcileException(e.getMessage());
        }
    }

    /** The template a call runs, if it resolves (for scopes built from nodes that may not run again). */
    static Optional<Template> tryResolve(Ctx ctx, Call call) {
        try {
            return Optional.of(resolve(ctx, call).template());
        } catch (ReconcileException e) {
            return Optional.empty();
        }
    }

    /** Argo's {@code GetTemplateByBoundaryID} for a node: its template, resolved where the node's call was. */
    static Optional<Template> ofNode(Ctx ctx, NodeStatus node) {
        Optional<TemplateBase> base = baseOfScope(ctx, node.templateScope());
        if (base.isEmpty() || node.templateName().isEmpty() && node.templateRef().isEmpty()) {
            return Optional.empty();
        }
        return tryResolve(ctx, new Call(node.templateName(), Optional.empty(), node.templateRef(), "", "",
                base.get()));
    }

    /** Argo's {@code GetTemplate}: the template as the caller names it (a copy, free to change). */
    private static ObjectNode find(Ctx ctx, Call call) {
        if (call.inline().isPresent()) {
            return call.inline().get().deepCopy();
        }
        if (call.templateRef().isPresent()) {
            TemplateRef ref = call.templateRef().get();
            WorkflowTemplate resource = lookup(ctx, ref.clusterScope(), ref.name())
                    .orElseThrow(() -> new ReconcileException("workflow template " + ref.name() + " not found"));
            Template template = resource.spec().template(ref.template())
                    .orElseThrow(() -> new ReconcileException("template " + ref.template()
                            + " not found in workflow template " + ref.name()));
            return withPodMetadata(template.raw().deepCopy(), resource.podMetadata());
        }
        if (!call.templateName().isEmpty()) {
            Template template = call.base().template(call.templateName())
                    .orElseThrow(() -> new ReconcileException("template " + call.templateName() + " not found"));
            return withPodMetadata(template.raw().deepCopy(), call.base().podMetadata());
        }
        throw new ReconcileException("failed to get a template");
    }

    /** Argo's {@code WithTemplateHolder}: the base of a templateRef's resource, else the caller's. */
    private static TemplateBase newBase(Ctx ctx, Call call) {
        if (call.templateRef().isEmpty()) {
            return call.base();
        }
        TemplateRef ref = call.templateRef().get();
        return TemplateBase.of(lookup(ctx, ref.clusterScope(), ref.name())
                .orElseThrow(() -> new ReconcileException(notFound(ref.clusterScope(), ref.name()))));
    }

    /** The base a node's {@code templateScope} names ({@code local/...}, {@code namespaced/NAME}, ...). */
    static Optional<TemplateBase> baseOfScope(Ctx ctx, String templateScope) {
        int slash = templateScope.indexOf('/');
        String scope = slash < 0 ? "" : templateScope.substring(0, slash);
        String name = slash < 0 ? templateScope : templateScope.substring(slash + 1);
        ResourceScope parsed = templateScope.isEmpty() ? ResourceScope.LOCAL
                : ResourceScope.fromArgoName(scope).orElse(ResourceScope.NAMESPACED);
        if (parsed == ResourceScope.LOCAL) {
            return Optional.of(ctx.localBase);
        }
        try {
            return lookup(ctx, parsed == ResourceScope.CLUSTER, name).map(TemplateBase::of);
        } catch (ReconcileException e) {
            return Optional.empty();
        }
    }

    /** A WorkflowTemplate in the workflow's namespace, or a ClusterWorkflowTemplate. */
    static Optional<WorkflowTemplate> lookup(Ctx ctx, boolean clusterScope, String name) {
        try {
            return clusterScope ? ctx.templates.clusterWorkflowTemplate(name)
                    : ctx.templates.workflowTemplate(ctx.namespace, name);
        } catch (TemplateLookupException e) {
            throw new ReconcileException(e.getMessage());
        }
    }

    /**
     * The Kubernetes NotFound message of Argo's informer listers ({@code workflowtemplate.argoproj.io "x" not
     * found}), which the controller reports when a referenced resource is missing.
     */
    static String notFound(boolean clusterScope, String name) {
        return (clusterScope ? "clusterworkflowtemplate" : "workflowtemplate") + ".argoproj.io \"" + name
                + "\" not found";
    }

    /** Argo's {@code addPodMetadata}: the resource's podMetadata labels and annotations the template lacks. */
    private static ObjectNode withPodMetadata(ObjectNode template, Optional<ObjectNode> podMetadata) {
        if (podMetadata.isEmpty()) {
            return template;
        }
        for (String field : new String[] {"annotations", "labels"}) {
            JsonNode values = podMetadata.get().get(field);
            if (values instanceof ObjectNode map && !map.isEmpty()) {
                ObjectNode target = template.withObjectProperty("metadata").withObjectProperty(field);
                for (Map.Entry<String, JsonNode> e : map.properties()) {
                    if (!target.has(e.getKey())) {
                        target.set(e.getKey(), e.getValue().deepCopy());
                    }
                }
            }
        }
        return template;
    }

    /**
     * Argo's {@code SetStoredInlineTemplate}: inline templates of the steps and tasks of a template taken from a
     * WorkflowTemplate are stored under that resource ({@code <scope>/<name>/inline/<step>}).
     */
    private static void storeInlineChildren(Ctx ctx, Call call, ObjectNode raw) {
        String prefix;
        if (call.templateRef().isPresent()) {
            TemplateRef ref = call.templateRef().get();
            prefix = ref.scope().argoName() + "/" + ref.name() + "/inline/";
        } else if (!call.base().isLocal()) {
            prefix = call.base().scope().argoName() + "/" + call.base().name() + "/inline/";
        } else {
            return;
        }
        for (JsonNode group : raw.path("steps")) {
            JsonNode steps = group.isObject() ? group.path("steps") : group;
            for (JsonNode step : steps) {
                storeInline(ctx, prefix, step);
            }
        }
        for (JsonNode task : raw.path("dag").path("tasks")) {
            storeInline(ctx, prefix, task);
        }
    }

    private static void storeInline(Ctx ctx, String prefix, JsonNode holder) {
        if (holder.get("inline") instanceof ObjectNode inline) {
            store(ctx, prefix + holder.path("name").asText(""), inline);
        }
    }

    /** Stores a template under a key once (Argo's {@code SetStoredTemplate}: the first one stays). */
    static void store(Ctx ctx, String key, ObjectNode template) {
        if (template != null && !ctx.storedTemplates.containsKey(key)) {
            ctx.storedTemplates.put(key, template.deepCopy());
            ctx.state.touch();
        }
    }
}
