package dev.skiff.executor.pod.kube;

import dev.skiff.executor.pod.build.ArgoNames;
import dev.skiff.executor.pod.json.GoJson;
import dev.skiff.executor.pod.json.JsonTree;
import dev.skiff.executor.pod.outcome.PodView;
import java.util.ArrayList;
import java.util.List;

/**
 * Argo's killCommand ({@code workflow/signal/signal.go}): what to exec in a container to send a signal to its
 * PID 1. Argo's own containers have {@code argoexec} on the path; a container with {@code /var/run/argo}
 * mounted uses the copy there; others get {@code /bin/sh -c "kill -N 1"}; the pod annotation
 * {@code workflows.argoproj.io/kill-cmd-<container>} (a JSON list, {@code %d} for the signal) overrides.
 */
public final class KillCommand {

    private KillCommand() {
    }

    public static List<String> of(PodView pod, String container, int signal) throws IllegalArgumentException {
        List<String> command;
        if (container.equals(ArgoNames.WAIT) || container.equals("supervisor")) {
            command = List.of("argoexec", "kill", "%d", "1");
        } else if (pod.containersWithArgoexec().contains(container)) {
            command = List.of(ArgoNames.ARGOEXEC_IN_MAIN, "kill", "%d", "1");
        } else {
            command = List.of("/bin/sh", "-c", "kill -%d 1");
        }
        String override = pod.annotations().get(ArgoNames.ANNOTATION_KILL_CMD_PREFIX + container);
        if (override != null) {
            List<String> parsed = new ArrayList<>();
            try {
                JsonTree.list(GoJson.read(override)).forEach(v -> parsed.add(JsonTree.text(v)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("failed to unmarshall kill command annotation \"" + override
                        + "\": " + e.getMessage());
            }
            command = parsed;
        }
        List<String> out = new ArrayList<>();
        for (String part : command) {
            out.add(part.replace("%d", String.valueOf(signal)));
        }
        return out;
    }
}
