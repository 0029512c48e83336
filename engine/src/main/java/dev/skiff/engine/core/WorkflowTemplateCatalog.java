package dev.skiff.engine.core;

import dev.skiff.engine.model.ResourceScope;
import dev.skiff.engine.model.WorkflowTemplate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * WorkflowTemplates and ClusterWorkflowTemplates held in memory, as local files give them. A local run has no
 * namespace, so a WorkflowTemplate is found by its name alone: its {@code metadata.namespace} only matters when the
 * Workflow names a namespace too, and then they must be equal (as in a cluster). Names must be unique per kind,
 * whatever the namespace ({@code argo lint} refuses duplicates within a namespace the same way).
 */
public final class WorkflowTemplateCatalog implements WorkflowTemplates {

    private final Map<String, WorkflowTemplate> namespaced;
    private final Map<String, WorkflowTemplate> cluster;

    private WorkflowTemplateCatalog(Map<String, WorkflowTemplate> namespaced, Map<String, WorkflowTemplate> cluster) {
        this.namespaced = namespaced;
        this.cluster = cluster;
    }

    /**
     * A catalog of {@code templates}.
     *
     * @throws IllegalArgumentException when two of one kind share a name (the message names both sources)
     */
    public static WorkflowTemplateCatalog of(Collection<WorkflowTemplate> templates) {
        Map<String, WorkflowTemplate> namespaced = new LinkedHashMap<>();
        Map<String, WorkflowTemplate> cluster = new LinkedHashMap<>();
        for (WorkflowTemplate t : templates) {
            Map<String, WorkflowTemplate> byName = t.scope() == ResourceScope.CLUSTER ? cluster : namespaced;
            WorkflowTemplate earlier = byName.putIfAbsent(t.name(), t);
            if (earlier != null) {
                throw new IllegalArgumentException("duplicate " + t.kind() + " found: \"" + t.name() + "\" (in "
                        + earlier.sourceName() + " and " + t.sourceName() + ")");
            }
        }
        return new WorkflowTemplateCatalog(namespaced, cluster);
    }

    @Override
    public Optional<WorkflowTemplate> workflowTemplate(String namespace, String name) {
        WorkflowTemplate t = namespaced.get(name);
        if (t == null || !namespace.isEmpty() && !t.namespace().isEmpty() && !t.namespace().equals(namespace)) {
            return Optional.empty();
        }
        return Optional.of(t);
    }

    @Override
    public Optional<WorkflowTemplate> clusterWorkflowTemplate(String name) {
        return Optional.ofNullable(cluster.get(name));
    }

    /** Every template of the catalog, WorkflowTemplates first, each kind in the order given. */
    public List<WorkflowTemplate> all() {
        return java.util.stream.Stream.concat(namespaced.values().stream(), cluster.values().stream()).toList();
    }
}
