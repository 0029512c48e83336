package dev.skiff.executor.pod.outcome;

import dev.skiff.executor.pod.json.JsonTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Skiff reads of a pod (a JSON-like tree as the API returns it).
 *
 * @param name                  metadata.name
 * @param namespace             metadata.namespace
 * @param uid                   metadata.uid
 * @param labels                metadata.labels
 * @param annotations           metadata.annotations
 * @param phase                 status.phase ({@code Pending}, {@code Running}, ...; empty before the first status)
 * @param reason                status.reason (e.g. {@code DeadlineExceeded}, {@code Evicted})
 * @param message               status.message
 * @param deleting              whether metadata.deletionTimestamp is set
 * @param initContainers        status.initContainerStatuses
 * @param containers            status.containerStatuses
 * @param unschedulable         the PodScheduled condition's message when its reason is Unschedulable
 * @param gracePeriodSeconds    spec.terminationGracePeriodSeconds (30 when unset, as Kubernetes defaults it)
 * @param containersWithArgoexec names of spec containers that mount {@code /var/run/argo} (argoexec is there)
 * @param resourceVersion       metadata.resourceVersion
 * @param podIp                 status.podIP; empty before the pod has one
 */
public record PodView(String name, String namespace, String uid, Map<String, String> labels,
                      Map<String, String> annotations, String phase, String reason, String message, boolean deleting,
                      List<ContainerView> initContainers, List<ContainerView> containers,
                      Optional<String> unschedulable, long gracePeriodSeconds, List<String> containersWithArgoexec,
                      String resourceVersion, String podIp) {

    public PodView {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        initContainers = List.copyOf(initContainers);
        containers = List.copyOf(containers);
        containersWithArgoexec = List.copyOf(containersWithArgoexec);
    }

    public static PodView of(Map<String, Object> pod) {
        Map<String, Object> meta = JsonTree.object(pod.get("metadata"));
        Map<String, Object> spec = JsonTree.object(pod.get("spec"));
        Map<String, Object> status = JsonTree.object(pod.get("status"));
        Optional<String> unschedulable = Optional.empty();
        for (Object c : JsonTree.list(status.get("conditions"))) {
            Map<String, Object> cond = JsonTree.object(c);
            if ("Unschedulable".equals(cond.get("reason"))) {
                String m = JsonTree.text(cond.get("message"));
                unschedulable = Optional.of(m.isEmpty() ? "Unschedulable" : "Unschedulable: " + m);
                break;
            }
        }
        List<String> withArgoexec = new ArrayList<>();
        for (Object c : JsonTree.list(spec.get("containers"))) {
            Map<String, Object> container = JsonTree.object(c);
            for (Object m : JsonTree.list(container.get("volumeMounts"))) {
                if ("/var/run/argo".equals(JsonTree.object(m).get("mountPath"))) {
                    withArgoexec.add(JsonTree.text(container.get("name")));
                    break;
                }
            }
        }
        Object grace = spec.get("terminationGracePeriodSeconds");
        return new PodView(JsonTree.text(meta.get("name")), JsonTree.text(meta.get("namespace")),
                JsonTree.text(meta.get("uid")), strings(meta.get("labels")), strings(meta.get("annotations")),
                JsonTree.text(status.get("phase")), JsonTree.text(status.get("reason")),
                JsonTree.text(status.get("message")), meta.get("deletionTimestamp") != null,
                statuses(status.get("initContainerStatuses")), statuses(status.get("containerStatuses")),
                unschedulable, grace instanceof Number n ? n.longValue() : 30, withArgoexec,
                JsonTree.text(meta.get("resourceVersion")), JsonTree.text(status.get("podIP")));
    }

    /** The status of a container by name. */
    public Optional<ContainerView> container(String containerName) {
        return containers.stream().filter(c -> c.name().equals(containerName)).findFirst();
    }

    private static List<ContainerView> statuses(Object list) {
        List<ContainerView> out = new ArrayList<>();
        for (Object s : JsonTree.list(list)) {
            out.add(ContainerView.of(JsonTree.object(s)));
        }
        return out;
    }

    private static Map<String, String> strings(Object map) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        JsonTree.object(map).forEach((k, v) -> out.put(k, JsonTree.text(v)));
        return out;
    }
}
