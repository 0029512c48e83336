package dev.skiff.engine.core;

import dev.skiff.engine.expr.Values;
import dev.skiff.engine.model.Artifact;
import dev.skiff.engine.model.Outputs;
import dev.skiff.engine.model.Parameter;
import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.ValueFrom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Argo's getTemplateOutputsFromScope: the outputs of a steps or DAG template from its children. */
final class TemplateOutputs {

    private TemplateOutputs() {
    }

    static Optional<Outputs> resolve(Ctx ctx, Template template, Map<String, Object> scope) {
        if (!template.hasOutputs()) {
            return Optional.empty();
        }
        List<Parameter> params = new ArrayList<>();
        for (Parameter param : template.outputs().parameters()) {
            if (param.valueFrom().isEmpty()) {
                throw new ReconcileException("output parameters must have a valueFrom specified");
            }
            ValueFrom from = param.valueFrom().get();
            String value;
            try {
                Resolved resolved = resolveParameter(from, scope);
                value = resolved.absent() && from.defaultValue().isPresent() ? from.defaultValue().get()
                        : resolved.value();
            } catch (ReconcileException e) {
                if (from.defaultValue().isEmpty()) {
                    throw e;
                }
                value = from.defaultValue().get();
            }
            if (value == null) {
                throw new ReconcileException("output parameter \"" + param.name() + "\": \"" + from.parameter()
                        + "\" is an absent optional (skipped/omitted node output with no default)");
            }
            params.add(param.withValue(value).withoutValueFrom());
        }
        List<Artifact> artifacts = new ArrayList<>();
        for (Artifact art : template.outputs().artifacts()) {
            if (art.from().isEmpty() && art.fromExpression().isEmpty()) {
                continue;
            }
            try {
                artifacts.add(ArtifactReferences.resolve(ctx, art, scope, template).withName(art.name()));
            } catch (ReconcileException e) {
                if (art.optional() && e.getMessage().startsWith("Unable to resolve")) {
                    continue;
                }
                throw new ReconcileException("unable to resolve outputs from scope: " + e.getMessage());
            }
        }
        return Optional.of(new Outputs(params, artifacts, Optional.empty(), Optional.empty()));
    }

    private record Resolved(String value, boolean absent) {
    }

    private static Resolved resolveParameter(ValueFrom from, Map<String, Object> scope) {
        if (from.parameter().isEmpty() && from.expression().isEmpty()) {
            return new Resolved("", false);
        }
        if (!from.expression().isEmpty()) {
            return new Resolved(format(Tags.eval(from.expression(), scope)), false);
        }
        String tag = from.parameter().trim();
        if (tag.startsWith("{{")) {
            tag = tag.substring(2);
        }
        if (tag.endsWith("}}")) {
            tag = tag.substring(0, tag.length() - 2);
        }
        tag = tag.trim();
        if (tag.startsWith("=")) {
            Object result = Tags.eval(tag.substring(1), scope);
            return new Resolved(format(result), false);
        }
        if (!scope.containsKey(tag)) {
            throw new ReconcileException("Unable to resolve: \"" + tag + "\"");
        }
        Object value = scope.get(tag);
        return new Resolved(value == null ? null : format(value), value == null);
    }

    /** Go's fmt.Sprintf("%v") of an expression result, close enough for outputs. */
    private static String format(Object value) {
        return value instanceof String s ? s : Values.toTemplateString(value);
    }
}
