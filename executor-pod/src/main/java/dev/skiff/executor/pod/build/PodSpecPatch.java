package dev.skiff.executor.pod.build;

import dev.skiff.executor.pod.json.GoJson;
import dev.skiff.executor.pod.json.JsonTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Argo's podSpecPatch: YAML or JSON, applied as a strategic merge patch to the built pod spec
 * (processPodSpecPatch, util.ApplyPodSpecPatch). The workflow's patch comes first, then the template's; the
 * request carries one string, or a list of them in that order.
 */
final class PodSpecPatch {

    private PodSpecPatch() {
    }

    /** The patches a pod-spec field holds (a string or a list of strings), in order. */
    static List<String> patches(Object field) {
        List<String> out = new ArrayList<>();
        if (field instanceof String s && !s.isBlank()) {
            out.add(s);
        }
        for (Object item : JsonTree.list(field)) {
            if (item instanceof String s && !s.isBlank()) {
                out.add(s);
            }
        }
        return out;
    }

    /** Applies the patches to the pod's spec in place. */
    static void apply(Map<String, Object> spec, List<String> patches) throws PodBuildException {
        for (String patch : patches) {
            Map<String, Object> parsed = parse(patch);
            try {
                StrategicMerge.podSpec(spec, parsed);
            } catch (IllegalArgumentException | ClassCastException e) {
                throw new PodBuildException("Error applying PodSpecPatch: " + e.getMessage());
            }
        }
    }

    private static Map<String, Object> parse(String patch) throws PodBuildException {
        Object tree;
        if (patch.strip().startsWith("{")) {
            // Argo's IsJSONStr: such a patch is parsed as JSON, strictly
            try {
                tree = GoJson.read(patch);
            } catch (IllegalArgumentException e) {
                throw new PodBuildException("Error applying PodSpecPatch: invalid podSpecPatch: "
                        + firstLine(e.getMessage()));
            }
        } else {
            try {
                // going through JSON gives numbers as JSON would
                tree = GoJson.read(GoJson.write(new Yaml(new SafeConstructor(new LoaderOptions())).load(patch)));
            } catch (YAMLException | IllegalArgumentException e) {
                throw new PodBuildException("Error applying PodSpecPatch: Failed to convert the PodSpecPatch yaml"
                        + " to json: " + firstLine(e.getMessage()));
            }
        }
        if (!(tree instanceof Map<?, ?>)) {
            throw new PodBuildException("Error applying PodSpecPatch: invalid podSpecPatch: it must be a map of pod"
                    + " spec fields");
        }
        return JsonTree.copyObject(tree);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "parse error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
