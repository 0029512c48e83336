package dev.skiff.engine.core;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.Parameter;
import dev.skiff.engine.model.ValueFrom;
import dev.skiff.engine.model.Workflow;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Argo's setGlobalParameters: the {@code workflow.*} variables every template sees. */
final class Globals {

    private Globals() {
    }

    static void set(Ctx ctx, Workflow wf, Map<String, String> labels) {
        Map<String, String> g = ctx.globals;
        g.put("workflow.name", ctx.wfName);
        g.put("workflow.namespace", ctx.namespace);
        g.put("workflow.mainEntrypoint", ctx.spec.entrypoint());
        g.put("workflow.serviceAccountName", ctx.spec.raw().path("serviceAccountName").asText(""));
        g.put("workflow.uid", wf.uid());
        Instant created = wf.creationTimestamp().orElse(Instant.EPOCH);
        String rfc3339 = created.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        g.put("workflow.creationTimestamp", rfc3339);
        g.put("workflow.creationTimestamp.RFC3339", rfc3339);
        g.put("workflow.creationTimestamp.s", String.valueOf(created.getEpochSecond()));
        ZonedDateTime t = created.atZone(ZoneOffset.UTC);
        for (char c : "aAbBcCdDeFHIjklmMnpRrStTuUVvwWyYxXzZ".toCharArray()) {
            g.put("workflow.creationTimestamp." + c, strftime(c, t));
        }
        if (ctx.spec.raw().has("priority")) {
            g.put("workflow.priority", ctx.spec.raw().get("priority").asText());
        }
        String params = GoJson.parameters(ctx.spec.arguments().parameters());
        g.put("workflow.parameters", params);
        g.put("workflow.parameters.json", params);
        for (Parameter p : ctx.spec.arguments().parameters()) {
            if (p.value().isPresent()) {
                g.put("workflow.parameters." + p.name(), p.value().get());
            } else if (p.valueFrom().filter(v -> !v.configMapName().isEmpty()).isPresent()) {
                g.put("workflow.parameters." + p.name(), fromConfigMap(ctx, p));
            } else {
                throw new ReconcileException("either value or valueFrom must be specified in order to set global "
                        + "parameter " + p.name());
            }
        }
        Map<String, String> annotations = wf.annotations();
        String annotationsJson = GoJson.marshal(sortedObject(annotations));
        g.put("workflow.annotations", annotationsJson);
        g.put("workflow.annotations.json", annotationsJson);
        annotations.forEach((k, v) -> g.put("workflow.annotations." + k, v));
        String labelsJson = GoJson.marshal(sortedObject(labels));
        g.put("workflow.labels", labelsJson);
        g.put("workflow.labels.json", labelsJson);
        labels.forEach((k, v) -> g.put("workflow.labels." + k, v));
        ctx.globalOutputs.forEach((k, v) -> g.put("workflow.outputs.parameters." + k, v));
    }

    /**
     * Argo's setGlobalParameters for a {@code configMapKeyRef}: the ConfigMap's value in the workflow's namespace
     * (name and key as written), else the {@code valueFrom.default} whatever went wrong, else the error.
     */
    private static String fromConfigMap(Ctx ctx, Parameter p) {
        ValueFrom from = p.valueFrom().orElseThrow();
        try {
            return ConfigMapValues.value(ctx.configMaps, ctx.namespace, from.configMapName(), from.configMapKey());
        } catch (ConfigMapValues.Missing e) {
            if (from.defaultValue().isPresent()) {
                return from.defaultValue().get();
            }
            throw new ReconcileException("failed to set global parameter " + p.name() + " from configmap with name "
                    + from.configMapName() + " and key " + from.configMapKey() + ": " + e.getMessage());
        }
    }

    private static ObjectNode sortedObject(Map<String, String> map) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        new TreeMap<>(map).forEach(node::put);
        return node;
    }

    /** One strftime conversion, as lestrrat-go/strftime formats it. */
    static String strftime(char c, ZonedDateTime t) {
        return switch (c) {
            case 'a' -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.US);
            case 'A' -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US);
            case 'b', 'h' -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.US);
            case 'B' -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.US);
            case 'c' -> DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.US).format(t);
            case 'C' -> String.format("%02d", t.getYear() / 100);
            case 'd' -> String.format("%02d", t.getDayOfMonth());
            case 'D' -> DateTimeFormatter.ofPattern("MM/dd/yy", Locale.US).format(t);
            case 'e' -> String.format("%2d", t.getDayOfMonth());
            case 'F' -> DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.US).format(t);
            case 'H' -> String.format("%02d", t.getHour());
            case 'I' -> String.format("%02d", t.getHour() % 12 == 0 ? 12 : t.getHour() % 12);
            case 'j' -> String.format("%03d", t.getDayOfYear());
            case 'k' -> String.format("%2d", t.getHour());
            case 'l' -> String.format("%2d", t.getHour() % 12 == 0 ? 12 : t.getHour() % 12);
            case 'm' -> String.format("%02d", t.getMonthValue());
            case 'M' -> String.format("%02d", t.getMinute());
            case 'n' -> "\n";
            case 'p' -> t.getHour() < 12 ? "AM" : "PM";
            case 'R' -> DateTimeFormatter.ofPattern("HH:mm", Locale.US).format(t);
            case 'r' -> DateTimeFormatter.ofPattern("hh:mm:ss a", Locale.US).format(t);
            case 'S' -> String.format("%02d", t.getSecond());
            case 't' -> "\t";
            case 'T' -> DateTimeFormatter.ofPattern("HH:mm:ss", Locale.US).format(t);
            case 'u' -> String.valueOf(t.getDayOfWeek().getValue());
            case 'U' -> String.format("%02d", (t.getDayOfYear() + 6 - t.getDayOfWeek().getValue() % 7) / 7);
            case 'V' -> String.format("%02d", t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case 'v' -> DateTimeFormatter.ofPattern("d-MMM-yyyy", Locale.US).format(t);
            case 'w' -> String.valueOf(t.getDayOfWeek().getValue() % 7);
            case 'W' -> String.format("%02d", (t.getDayOfYear() + 6 - (t.getDayOfWeek().getValue() + 6) % 7) / 7);
            case 'x' -> DateTimeFormatter.ofPattern("MM/dd/yy", Locale.US).format(t);
            case 'X' -> DateTimeFormatter.ofPattern("HH:mm:ss", Locale.US).format(t);
            case 'y' -> String.format("%02d", t.getYear() % 100);
            case 'Y' -> String.valueOf(t.getYear());
            case 'z' -> "+0000";
            case 'Z' -> "UTC";
            default -> String.valueOf(t.get(ChronoField.YEAR));
        };
    }
}
