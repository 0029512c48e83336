package dev.skiff.executor.pod.build;

import dev.skiff.executor.pod.json.JsonTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The template as Argo hands it to its executor in {@code ARGO_TEMPLATE}: input parameters dropped, input
 * artifacts kept, and an {@code archiveLocation} filled in when an artifact needs the artifact repository
 * (addArchiveLocation). Skiff passes no artifact repository yet, so that location is empty, as in an Argo
 * installation without one.
 */
final class ExecutorTemplate {

    private ExecutorTemplate() {
    }

    static Map<String, Object> of(PodTemplate tmpl) {
        Map<String, Object> template = JsonTree.copyObject(tmpl.template());
        Map<String, Object> inputs = new LinkedHashMap<>();
        Object artifacts = JsonTree.object(template.get("inputs")).get("artifacts");
        if (artifacts instanceof List<?> l && !l.isEmpty()) {
            inputs.put("artifacts", artifacts);
        }
        template.put("inputs", inputs);
        addArchiveLocation(tmpl, template);
        return template;
    }

    private static void addArchiveLocation(PodTemplate tmpl, Map<String, Object> template) {
        Map<String, Object> archive = JsonTree.object(template.get("archiveLocation"));
        if (!archive.isEmpty() && Artifacts.hasLocation(archive)) {
            return;
        }
        boolean archiveLogs = JsonTree.bool(archive.get("archiveLogs")).orElse(false);
        List<Map<String, Object>> all = new ArrayList<>(tmpl.inputArtifacts());
        all.addAll(tmpl.outputArtifacts());
        Object dataSource = JsonTree.at(template, "data", "source", "artifactPaths");
        if (dataSource instanceof Map<?, ?>) {
            all.add(JsonTree.copyObject(dataSource));
        }
        boolean needLocation = archiveLogs || all.stream().anyMatch(a -> !Artifacts.hasLocation(a));
        if (!needLocation) {
            return;
        }
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("archiveLogs", archiveLogs);
        template.put("archiveLocation", location);
    }
}
