package dev.skiff.executor.pod.build;

import dev.skiff.executor.pod.json.GoJson;
import dev.skiff.executor.pod.json.JsonTree;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading built pods in tests. */
final class PodAssertions {

    private PodAssertions() {
    }

    static Map<String, Object> spec(BuiltPod pod) {
        return JsonTree.object(pod.pod().get("spec"));
    }

    static Map<String, Object> meta(BuiltPod pod) {
        return JsonTree.object(pod.pod().get("metadata"));
    }

    static Map<String, Object> container(BuiltPod pod, String name) {
        return containerIn(pod, "containers", name).orElseThrow(() -> new AssertionError("no container " + name));
    }

    static Map<String, Object> initContainer(BuiltPod pod, String name) {
        return containerIn(pod, "initContainers", name).orElseThrow(() -> new AssertionError("no init " + name));
    }

    static Optional<Map<String, Object>> containerIn(BuiltPod pod, String list, String name) {
        return JsonTree.list(spec(pod).get(list)).stream().map(JsonTree::object)
                .filter(c -> name.equals(c.get("name"))).findFirst();
    }

    static List<String> names(Object list) {
        return JsonTree.list(list).stream().map(o -> JsonTree.text(JsonTree.object(o).get("name"))).toList();
    }

    static List<String> mountPaths(Map<String, Object> container) {
        return JsonTree.list(container.get("volumeMounts")).stream()
                .map(o -> JsonTree.object(o).get("name") + ":" + JsonTree.text(JsonTree.object(o).get("mountPath")))
                .toList();
    }

    static Optional<String> env(Map<String, Object> container, String name) {
        return JsonTree.list(container.get("env")).stream().map(JsonTree::object)
                .filter(e -> name.equals(e.get("name"))).map(e -> JsonTree.text(e.get("value"))).findFirst();
    }

    static Object json(String text) {
        return GoJson.read(text);
    }
}
