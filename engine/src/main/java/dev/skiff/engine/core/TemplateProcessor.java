package dev.skiff.engine.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.Arguments;
import dev.skiff.engine.model.Artifact;
import dev.skiff.engine.model.Parameter;
import dev.skiff.engine.model.ParameterJson;
import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.TemplateKind;
import dev.skiff.engine.model.WorkflowFormatException;
import dev.skiff.engine.template.UnresolvedTags;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the template a call runs and substitutes it as Argo does before running it: template defaults
 * (mergedTemplateDefaultsInto), inputs from arguments and defaults (ProcessArgs), then globals, locals
 * and inputs (SubstituteParams).
 */
final class TemplateProcessor {

    private TemplateProcessor() {
    }

    /**
     * Argo's ResolveTemplate followed by mergedTemplateDefaultsInto: the template a call runs (by name, inline or by
     * templateRef; see {@link TemplateResolution}) with the workflow's template defaults, and the base its own calls
     * resolve in. Fails as Argo does for unknown or kind-less templates.
     */
    static TemplateResolution.Resolved resolve(Ctx ctx, Call call) {
        TemplateResolution.Resolved resolved = TemplateResolution.resolve(ctx, call);
        return new TemplateResolution.Resolved(withDefaults(ctx, resolved.template()), resolved.base());
    }

    /**
     * Argo's mergedTemplateDefaultsInto: defaults for other template kinds are dropped, then the template is
     * strategic-merged over the rest ({@link TemplateDefaultsMerge}).
     */
    static Template withDefaults(Ctx ctx, Template template) {
        Optional<ObjectNode> defaults = ctx.spec.templateDefaults();
        if (defaults.isEmpty()) {
            return template;
        }
        ObjectNode applicable = defaults.get().deepCopy();
        for (TemplateKind kind : TemplateKind.values()) {
            // Argo clears the other kinds' pointer fields; steps is a list, so it stays.
            if (kind != TemplateKind.NONE && kind != TemplateKind.STEPS && kind != template.kind()) {
                applicable.remove(kind.field());
            }
        }
        return read(TemplateDefaultsMerge.merge(applicable, template.raw()));
    }

    /**
     * Argo's ProcessArgs + SubstituteParams: inputs get their defaults, then the arguments' values; a
     * missing input is an error; then tags of globals, locals and inputs are substituted, leaving unknown
     * tags for later passes.
     */
    static Template process(Ctx ctx, Template template, Arguments args, Map<String, String> locals) {
        ObjectNode raw = template.raw().deepCopy();
        ArrayNode inputParams = inputParameters(raw);
        for (int i = 0; inputParams != null && i < inputParams.size(); i++) {
            JsonNode node = inputParams.get(i);
            if (!(node instanceof ObjectNode param)) {
                continue;
            }
            Parameter in = template.inputs().parameters().get(i);
            if (!param.has("value") && in.defaultValue().isPresent()) {
                param.put("value", in.defaultValue().get());
            }
            Optional<Parameter> arg = args.parameter(in.name());
            if (arg.isPresent() && arg.get().value().filter(InvocationResolver.ABSENT_OPTIONAL::equals).isPresent()) {
                if (!param.has("value") && !param.has("valueFrom")) {
                    throw new ReconcileException("inputs.parameters." + in.name() + ": argument references an "
                            + "absent optional (skipped/omitted node output with no default)");
                }
            } else if (arg.isPresent()) {
                if (arg.get().value().isPresent()) {
                    param.put("value", arg.get().value().get());
                    param.remove("valueFrom");
                } else if (arg.get().valueFrom().isPresent()) {
                    param.remove("value");
                    param.set("valueFrom", ParameterJson.writeValueFrom(arg.get().valueFrom().get()));
                }
            }
            if (param.has("valueFrom") && param.get("valueFrom").has("configMapKeyRef")) {
                param.put("value", fromConfigMap(ctx, in.name(), (ObjectNode) param.get("valueFrom")));
            }
            if (!param.has("value") || param.get("value").isNull()) {
                throw new ReconcileException("inputs.parameters." + in.name() + " was not supplied");
            }
        }
        processArtifacts(template, raw, args);
        return substitute(ctx, raw, locals);
    }

    /**
     * Argo's substituteAndGetConfigMapValue: the ConfigMap's name and key with the globals substituted (an unknown
     * tag is an error), the value from the workflow's namespace, else the {@code valueFrom.default} when the
     * ConfigMap or key is not found, else the error.
     */
    private static String fromConfigMap(Ctx ctx, String name, ObjectNode valueFrom) {
        JsonNode ref = valueFrom.get("configMapKeyRef");
        String cmName = configMapRef(ctx, ref.path("name").asText(""));
        String cmKey = configMapRef(ctx, ref.path("key").asText(""));
        try {
            return ConfigMapValues.value(ctx.configMaps, ctx.namespace, cmName, cmKey);
        } catch (ConfigMapValues.Missing e) {
            JsonNode fallback = valueFrom.get("default");
            if (fallback == null || fallback.isNull() || !e.notFound()) {
                throw new ReconcileException("unable to retrieve inputs.parameters." + name + " from ConfigMap: "
                        + e.getMessage());
            }
            return fallback.isTextual() ? fallback.asText() : fallback.toString();
        }
    }

    private static String configMapRef(Ctx ctx, String text) {
        try {
            return Tags.render(text, new HashMap<>(ctx.globals), UnresolvedTags.FAIL);
        } catch (ReconcileException e) {
            throw new ReconcileException("failed to substitute configMapKeyRef: " + e.getMessage());
        }
    }

    /**
     * Argo's ProcessArgs for input artifacts: an argument replaces the input (keeping the input's path, mode
     * and recurseMode); a required input without location needs an argument with one.
     */
    private static void processArtifacts(Template template, ObjectNode raw, Arguments args) {
        JsonNode list = raw.path("inputs").path("artifacts");
        if (!(list instanceof ArrayNode artifacts)) {
            return;
        }
        for (int i = 0; i < artifacts.size() && i < template.inputs().artifacts().size(); i++) {
            Artifact in = template.inputs().artifacts().get(i);
            Optional<Artifact> arg = args.artifact(in.name());
            if (!in.optional() && !in.hasLocationOrKey()) {
                if (arg.isEmpty()) {
                    throw new ReconcileException("inputs.artifacts." + in.name() + " was not supplied");
                }
                if (!arg.get().hasLocationOrKey()) {
                    throw new ReconcileException("inputs.artifacts." + in.name() + " missing location information");
                }
            }
            if (arg.isPresent()) {
                Artifact supplied = arg.get().withPath(in.path())
                        .withField("mode", in.raw().get("mode")).withField("recurseMode", in.raw().get("recurseMode"));
                artifacts.set(i, supplied.raw());
            }
        }
    }

    /** Argo's SubstituteParams over an already argument-processed template. */
    static Template substitute(Ctx ctx, ObjectNode raw, Map<String, String> locals) {
        Map<String, Object> replace = new HashMap<>(ctx.globals);
        replace.putAll(locals);
        ObjectNode globalsDone = (ObjectNode) Tags.renderTree(raw, replace, UnresolvedTags.KEEP);
        Template once = read(globalsDone);
        for (Parameter in : once.inputs().parameters()) {
            if (in.value().isEmpty() && in.valueFrom().isEmpty()) {
                throw new ReconcileException("inputs.parameters." + in.name() + " had no value");
            }
            in.value().ifPresent(v -> replace.put("inputs.parameters." + in.name(), v));
        }
        replace.put("inputs.parameters", GoJson.parameters(once.inputs().parameters()));
        for (Artifact in : once.inputs().artifacts()) {
            if (!in.path().isEmpty()) {
                replace.put("inputs.artifacts." + in.name() + ".path", in.path());
            }
        }
        for (Artifact out : once.outputs().artifacts()) {
            if (!out.path().isEmpty()) {
                replace.put("outputs.artifacts." + out.name() + ".path", out.path());
            }
        }
        for (Parameter out : once.outputs().parameters()) {
            out.valueFrom().filter(v -> !v.path().isEmpty())
                    .ifPresent(v -> replace.put("outputs.parameters." + out.name() + ".path", v.path()));
        }
        if (!Tags.hasTags(globalsDone)) {
            return once;
        }
        return read((ObjectNode) Tags.renderTree(globalsDone, replace, UnresolvedTags.KEEP));
    }

    static Template read(ObjectNode raw) {
        try {
            return Template.read(raw, "template");
        } catch (WorkflowFormatException e) {
            throw new ReconcileException(e.getMessage());
        }
    }

    private static ArrayNode inputParameters(ObjectNode raw) {
        JsonNode inputs = raw.get("inputs");
        if (inputs == null || !inputs.isObject()) {
            return null;
        }
        JsonNode params = inputs.get("parameters");
        return params instanceof ArrayNode array ? array : null;
    }

    static ObjectNode emptyObject() {
        return JsonNodeFactory.instance.objectNode();
    }
}
