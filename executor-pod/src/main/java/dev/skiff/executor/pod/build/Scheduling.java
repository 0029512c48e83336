package dev.skiff.executor.pod.build;

import dev.skiff.executor.pod.json.JsonTree;
import java.util.List;
import java.util.Map;

/**
 * addSchedulingConstraints: node selector, affinity, tolerations, scheduler, priority class, host aliases and
 * security context, each the template's else the workflow's (the request's pod fields already merged them).
 */
final class Scheduling {

    private Scheduling() {
    }

    static void apply(PodTemplate tmpl, Map<String, Object> spec) {
        if (!JsonTree.object(tmpl.field("nodeSelector")).isEmpty()) {
            spec.put("nodeSelector", JsonTree.copy(tmpl.field("nodeSelector")));
        }
        if (tmpl.field("affinity") instanceof Map<?, ?>) {
            spec.put("affinity", JsonTree.copy(tmpl.field("affinity")));
        }
        if (!JsonTree.list(tmpl.field("tolerations")).isEmpty()) {
            spec.put("tolerations", JsonTree.copy(tmpl.field("tolerations")));
        }
        String scheduler = JsonTree.text(tmpl.field("schedulerName"));
        if (!scheduler.isEmpty()) {
            spec.put("schedulerName", scheduler);
        }
        String priority = JsonTree.text(tmpl.field("priorityClassName"));
        if (priority.isEmpty()) {
            priority = JsonTree.text(tmpl.field("podPriorityClassName"));
        }
        if (!priority.isEmpty()) {
            spec.put("priorityClassName", priority);
        }
        List<Object> aliases = JsonTree.list(tmpl.field("hostAliases"));
        if (!aliases.isEmpty()) {
            ContainerFields.mutableList(spec, "hostAliases").addAll(JsonTree.copyList(aliases));
        }
        if (tmpl.field("securityContext") instanceof Map<?, ?>) {
            spec.put("securityContext", JsonTree.copy(tmpl.field("securityContext")));
        }
    }
}
