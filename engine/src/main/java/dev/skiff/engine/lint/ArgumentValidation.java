package dev.skiff.engine.lint;

import dev.skiff.engine.model.Arguments;
import dev.skiff.engine.model.Parameter;
import dev.skiff.engine.model.ValueFrom;
import java.util.ArrayList;
import java.util.List;

/** Argo's {@code validateArguments} for the workflow's and each step's or task's arguments. */
final class ArgumentValidation {

    private ArgumentValidation() {
    }

    /** The problems, worded as Argo does after {@code prefix} (such as {@code spec.arguments.}), in its order. */
    static List<String> problems(String prefix, Arguments arguments) {
        return problems(prefix, arguments, false);
    }

    /**
     * Likewise; {@code allowEmptyValues} (Argo's, when a WorkflowTemplate is validated on its own) lets parameters
     * go without a value, and, as in Argo, stops at the first enum parameter without one.
     */
    static List<String> problems(String prefix, Arguments arguments, boolean allowEmptyValues) {
        List<String> out = new ArrayList<>();
        FieldNames.checkParameters(arguments.parameters().stream().map(Parameter::name).toList())
                .ifPresent(e -> out.add(prefix + "parameters" + e));
        for (Parameter p : arguments.parameters()) {
            String at = prefix + p.name();
            if (p.value().isEmpty() && p.valueFrom().isEmpty() && !allowEmptyValues) {
                out.add(at + ".value or " + at + ".valueFrom is required");
            }
            if (p.valueFrom().isPresent() && !allowedInArguments(p.valueFrom().get())) {
                out.add(at + ".valueFrom only allows: default, configMapKeyRef and supplied");
            }
            if (!p.enumValues().isEmpty()) {
                if (p.value().isEmpty() && allowEmptyValues) {
                    return out;
                }
                if (p.value().isEmpty()) {
                    out.add(at + ".value is required");
                } else if (!p.enumValues().contains(p.value().get())) {
                    out.add(at + ".value should be present in " + at + ".enum list");
                }
            }
        }
        return out;
    }

    /** Whether the value comes from a {@code configMapKeyRef}. */
    static boolean hasConfigMap(ValueFrom from) {
        return !from.configMapName().isEmpty() || !from.configMapKey().isEmpty();
    }

    private static boolean allowedInArguments(ValueFrom from) {
        boolean source = hasConfigMap(from) || !from.event().isEmpty() || from.supplied();
        boolean forbidden = !from.path().isEmpty() || !from.jsonPath().isEmpty() || !from.parameter().isEmpty()
                || !from.expression().isEmpty();
        return source && !forbidden;
    }
}
