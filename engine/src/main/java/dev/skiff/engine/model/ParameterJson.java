package dev.skiff.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and writes {@link Parameter}s, {@link Inputs} and {@link Outputs} (artifacts included) in Argo's JSON shape. */
public final class ParameterJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ParameterJson() {
    }

    public static List<Parameter> readList(JsonNode parent, String field, String path) {
        List<Parameter> out = new ArrayList<>();
        int i = 0;
        for (JsonNode item : JsonFields.list(parent, field, path)) {
            String itemPath = path + "." + field + "[" + i++ + "]";
            if (!item.isObject()) {
                throw JsonFields.mismatch(itemPath, "an object", item);
            }
            out.add(read(item, itemPath));
        }
        return out;
    }

    public static Parameter read(JsonNode node, String path) {
        Optional<ValueFrom> valueFrom = JsonFields.object(node, "valueFrom", path).map(v -> readValueFrom(v,
                path + ".valueFrom"));
        List<String> enumValues = new ArrayList<>();
        for (JsonNode e : JsonFields.list(node, "enum", path)) {
            enumValues.add(e.isContainerNode() ? "" : JsonFields.scalarText(e));
        }
        return new Parameter(JsonFields.text(node, "name", path), JsonFields.anyString(node, "value"),
                JsonFields.anyString(node, "default"), valueFrom, JsonFields.text(node, "globalName", path),
                enumValues, JsonFields.anyString(node, "description"));
    }

    public static ValueFrom readValueFrom(JsonNode node, String path) {
        String cmName = "";
        String cmKey = "";
        Optional<ObjectNode> cm = JsonFields.object(node, "configMapKeyRef", path);
        if (cm.isPresent()) {
            cmName = JsonFields.text(cm.get(), "name", path + ".configMapKeyRef");
            cmKey = JsonFields.text(cm.get(), "key", path + ".configMapKeyRef");
        }
        return new ValueFrom(JsonFields.text(node, "path", path), JsonFields.text(node, "parameter", path),
                JsonFields.text(node, "expression", path), JsonFields.anyString(node, "default"),
                JsonFields.text(node, "jsonPath", path), JsonFields.text(node, "event", path),
                JsonFields.has(node, "supplied"), cmName, cmKey);
    }

    public static Inputs readInputs(JsonNode node, String path) {
        return new Inputs(readList(node, "parameters", path), Artifact.readList(node, "artifacts", path));
    }

    public static Outputs readOutputs(JsonNode node, String path) {
        return new Outputs(readList(node, "parameters", path), Artifact.readList(node, "artifacts", path),
                JsonFields.optText(node, "result", path),
                JsonFields.optText(node, "exitCode", path));
    }

    public static ObjectNode write(Parameter p) {
        ObjectNode out = JSON.objectNode();
        out.put("name", p.name());
        p.defaultValue().ifPresent(v -> out.put("default", v));
        p.value().ifPresent(v -> out.put("value", v));
        p.valueFrom().ifPresent(v -> out.set("valueFrom", writeValueFrom(v)));
        if (!p.globalName().isEmpty()) {
            out.put("globalName", p.globalName());
        }
        if (!p.enumValues().isEmpty()) {
            p.enumValues().forEach(out.putArray("enum")::add);
        }
        p.description().ifPresent(v -> out.put("description", v));
        return out;
    }

    public static ObjectNode writeValueFrom(ValueFrom v) {
        ObjectNode out = JSON.objectNode();
        putIfNotEmpty(out, "path", v.path());
        putIfNotEmpty(out, "jsonPath", v.jsonPath());
        putIfNotEmpty(out, "event", v.event());
        putIfNotEmpty(out, "parameter", v.parameter());
        if (v.supplied()) {
            out.putObject("supplied");
        }
        if (!v.configMapName().isEmpty() || !v.configMapKey().isEmpty()) {
            ObjectNode cm = out.putObject("configMapKeyRef");
            putIfNotEmpty(cm, "name", v.configMapName());
            cm.put("key", v.configMapKey());
        }
        v.defaultValue().ifPresent(d -> out.put("default", d));
        putIfNotEmpty(out, "expression", v.expression());
        return out;
    }

    public static ObjectNode writeInputs(Inputs inputs) {
        ObjectNode out = JSON.objectNode();
        if (!inputs.parameters().isEmpty()) {
            var list = out.putArray("parameters");
            inputs.parameters().forEach(p -> list.add(write(p)));
        }
        if (!inputs.artifacts().isEmpty()) {
            var list = out.putArray("artifacts");
            inputs.artifacts().forEach(a -> list.add(a.json()));
        }
        return out;
    }

    public static ObjectNode writeOutputs(Outputs outputs) {
        ObjectNode out = JSON.objectNode();
        if (!outputs.parameters().isEmpty()) {
            var list = out.putArray("parameters");
            outputs.parameters().forEach(p -> list.add(write(p)));
        }
        if (!outputs.artifacts().isEmpty()) {
            var list = out.putArray("artifacts");
            outputs.artifacts().forEach(a -> list.add(a.json()));
        }
        outputs.result().ifPresent(r -> out.put("result", r));
        outputs.exitCode().ifPresent(c -> out.put("exitCode", c));
        return out;
    }

    private static void putIfNotEmpty(ObjectNode out, String field, String value) {
        if (!value.isEmpty()) {
            out.put(field, value);
        }
    }
}
