package dev.skiff.engine.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.Parameter;
import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.TemplateKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Argo's checks of a leaf template ({@code validateLeaf}: variables, mounts, image, deadline, parallelism)
 * and of any template's outputs ({@code validateOutputs}), in Argo's order.
 */
final class LeafValidation {

    /** Argo's {@code paramRegex}: a text holding a simple {@code {{...}}} reference. */
    private static final Pattern PARAMETER = Pattern.compile("\\{\\{[-a-zA-Z0-9]+(\\.[-a-zA-Z0-9_]+)*}}");

    private final TemplateValidation validation;
    private final Template template;
    private final VariableScope scope;
    private final String wrap;
    private final String at;

    LeafValidation(TemplateValidation validation, Template template, VariableScope scope, String wrap) {
        this.validation = validation;
        this.template = template;
        this.scope = scope;
        this.wrap = wrap;
        this.at = "templates." + template.name();
    }

    void run() {
        // Argo checks the template after its inputs got values: input values are no longer tags.
        ObjectNode resolved = template.raw().deepCopy();
        for (JsonNode p : resolved.path("inputs").path("parameters")) {
            if (p instanceof ObjectNode o) {
                o.remove("value");
            }
        }
        scope.firstUnresolved(resolved).ifPresent(e -> add(at + ": " + e,
                "declare the variable (inputs.parameters, workflow arguments, ...) or fix its name"));
        validation.checkExpressions(template.name(), scope, resolved, at + ": ");
        if (template.kind() == TemplateKind.CONTAINER) {
            checkMounts();
        }
        if (template.kind() == TemplateKind.CONTAINER || template.kind() == TemplateKind.SCRIPT) {
            String field = template.kind().field();
            boolean defaulted = validation.spec.templateDefaults()
                    .map(d -> !d.path(field).path("image").asText("").isEmpty()).orElse(false);
            if (template.raw().path(field).path("image").asText("").isEmpty() && !defaulted) {
                add(at + "." + field + ".image may not be empty",
                        "name an image (Skiff's local executor ignores it, but Argo requires it)");
            }
        }
        template.activeDeadlineSeconds().filter(d -> !validDeadline(d)).ifPresent(d -> add(at
                + ".activeDeadlineSeconds must be a positive integer > 0 or an argo variable", "use a whole number"));
        if (template.parallelism().isPresent()) {
            add(at + ".parallelism is only valid for steps and dag templates",
                    "move parallelism to the steps or DAG template that calls this one");
        }
    }

    private void checkMounts() {
        Map<String, String> mounted = new HashMap<>();
        int i = 0;
        for (JsonNode mount : template.raw().path("container").path("volumeMounts")) {
            String path = mount.path("mountPath").asText("");
            String previous = mounted.putIfAbsent(path, "container.volumeMounts." + mount.path("name").asText(""));
            if (previous != null) {
                add(at + ".container.volumeMounts[" + i + "].mountPath '" + path + "' already mounted in " + previous,
                        "mount each path once");
            }
            i++;
        }
    }

    private static boolean validDeadline(String deadline) {
        try {
            return Long.parseLong(deadline.trim()) >= 0;
        } catch (NumberFormatException e) {
            return deadline.startsWith("{{") && deadline.endsWith("}}");
        }
    }

    /** Argo's {@code validateOutputs}. */
    void outputs() {
        List<Parameter> params = template.outputs().parameters();
        FieldNames.checkParameters(params.stream().map(Parameter::name).toList()).ifPresent(e ->
                add(at + ".outputs.parameters " + e, "name every output parameter once"));
        JsonNode outputs = template.raw().path("outputs");
        if (template.kind() == TemplateKind.STEPS || template.kind() == TemplateKind.DAG) {
            scope.firstUnresolved(outputs).ifPresent(e -> add(at + ".outputs " + e,
                    "refer to outputs of this template's own steps or tasks"));
            validation.checkExpressions(template.name(), scope, outputs, at + ".outputs ");
        }
        for (JsonNode param : outputs.path("parameters")) {
            String ref = at + ".outputs.parameters." + param.path("name").asText("");
            checkOutputParameter(ref, param).ifPresent(e -> add(e, "give the output parameter one source"));
            String global = param.path("globalName").asText("");
            if (!global.isEmpty() && !isParameter(global) && !global.matches("[-a-zA-Z0-9_]+")) {
                add(ref + ".globalName: Parameter/Artifact name must consist of alpha-numeric characters, '_' or '-' "
                        + "e.g. my_param_1, MY-PARAM-1", "use letters, digits, '_' and '-'");
            }
        }
    }

    private Optional<String> checkOutputParameter(String ref, JsonNode param) {
        JsonNode from = param.get("valueFrom");
        boolean hasFrom = from != null && !from.isNull();
        if (hasFrom && param.hasNonNull("value")) {
            return Optional.of(ref + " has both valueFrom and value specified, choose one");
        }
        if (param.hasNonNull("value")) {
            return Optional.empty();
        }
        if (!hasFrom) {
            return Optional.of(ref + " does not have valueFrom or value specified");
        }
        long sources = List.of("path", "jqFilter", "jsonPath", "parameter", "expression").stream()
                .filter(f -> !from.path(f).asText("").isEmpty()).count()
                + (from.hasNonNull("supplied") ? 1 : 0);
        if (sources == 0) {
            return Optional.of("valueFrom type unspecified. choose one of: path, jqFilter, jsonPath, parameter, raw, "
                    + "expression");
        }
        if (sources > 1) {
            return Optional.of("multiple valueFrom types specified. choose one of: path, jqFilter, jsonPath, "
                    + "parameter, raw");
        }
        String type = TemplateTypes.typeName(template.kind());
        return switch (template.kind()) {
            case CONTAINER, CONTAINER_SET, SCRIPT -> from.path("path").asText("").isEmpty()
                    ? Optional.of(ref + ".path must be specified for " + type + " templates") : Optional.empty();
            case STEPS, DAG -> from.path("parameter").asText("").isEmpty() && from.path("expression").asText("")
                    .isEmpty() ? Optional.of(ref + ".parameter or expression must be specified for " + type
                    + " templates") : Optional.empty();
            default -> Optional.empty();
        };
    }

    static boolean isParameter(String text) {
        return PARAMETER.matcher(text).find();
    }

    private void add(String message, String hint) {
        validation.problems.add(template.name(), wrap + message, hint);
    }
}
