package dev.skiff.executor.pod.build;

import dev.skiff.executor.pod.json.JsonTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The emissary wrapping of user containers: {@code /var/run/argo/argoexec emissary <log options> -- <command>}.
 * A container without a command takes its image's entrypoint (and, without args, its cmd) from the image index;
 * Argo would also ask the registry, Skiff fails the node with Argo's look-up message instead.
 */
final class Emissary {

    private Emissary() {
    }

    static void wrap(Map<String, Object> container, ImageIndex images) throws PodBuildException {
        List<Object> command = new ArrayList<>(JsonTree.list(container.get("command")));
        if (command.isEmpty()) {
            String image = JsonTree.text(container.get("image"));
            Optional<ImageIndex.Entry> entry = images.lookup(image);
            if (entry.isEmpty()) {
                throw new PodBuildException("failed to look-up entrypoint/cmd for image \"" + image + "\", you must"
                        + " either explicitly specify the command, or list the image's command in the index:"
                        + " https://argo-workflows.readthedocs.io/en/latest/workflow-executors/#emissary-emissary:"
                        + " Skiff does not ask image registries; list the image under the pod executor's 'images'"
                        + " setting");
            }
            command = new ArrayList<>(entry.get().entrypoint());
            if (!container.containsKey("args") || container.get("args") == null) {
                container.put("args", new ArrayList<Object>(entry.get().cmd()));
            }
        }
        List<Object> wrapped = new ArrayList<>(List.of(ArgoNames.ARGOEXEC_IN_MAIN, "emissary"));
        wrapped.addAll(ArgoNames.LOG_OPTIONS);
        wrapped.add("--");
        wrapped.addAll(command);
        container.put("command", wrapped);
    }
}
