package dev.skiff.engine.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.config.WorkflowSource;
import dev.skiff.engine.core.TemplateLookupException;
import dev.skiff.engine.core.WorkflowTemplates;
import dev.skiff.engine.model.WorkflowFormatException;
import dev.skiff.engine.model.WorkflowTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The WorkflowTemplates of the namespaces the controller serves and the ClusterWorkflowTemplates of each cluster,
 * from {@link ObjectWatch}es (Argo's {@code wftmplInformer} and {@code cwftmplInformer}), answering the core's
 * {@link WorkflowTemplates} lookups per cluster. Workers wait for the first lists ({@link #awaitSynced}), so a
 * lookup never sees an empty cache. Without RBAC for ClusterWorkflowTemplates, references to them fail with
 * Argo's forbidden message; a template that cannot be read fails the lookup with what is wrong in it.
 */
final class TemplateInformers implements WatchGroup {

    private static final String BASE = "/apis/argoproj.io/v1alpha1/";

    /** The watches of one cluster: WorkflowTemplates by namespace (empty key: all) and ClusterWorkflowTemplates. */
    private record ClusterWatches(Map<Optional<String>, ObjectWatch> namespaced, ObjectWatch cluster) {
    }

    private final Map<String, ClusterWatches> clusters = new LinkedHashMap<>();

    TemplateInformers(List<WorkflowSource> sources, Function<String, KubeJson> apis) {
        for (WorkflowSource source : sources) {
            String name = source.cluster();
            ClusterWatches watches = clusters.computeIfAbsent(name, c -> new ClusterWatches(new LinkedHashMap<>(),
                    new ObjectWatch(c + "/clusterworkflowtemplates", BASE + "clusterworkflowtemplates",
                            WorkflowTemplate.CLUSTER_KIND, apis.apply(c), (ns, n) -> { })));
            List<Optional<String>> namespaces = source.namespaces().isEmpty() ? List.of(Optional.empty())
                    : source.namespaces().stream().map(Optional::of).toList();
            for (Optional<String> ns : namespaces) {
                String path = ns.map(n -> BASE + "namespaces/" + n + "/workflowtemplates")
                        .orElse(BASE + "workflowtemplates");
                watches.namespaced.computeIfAbsent(ns, n -> new ObjectWatch(name + "/" + n.orElse("*")
                        + "/workflowtemplates", path, WorkflowTemplate.KIND, apis.apply(name), (a, b) -> { }));
            }
        }
    }

    @Override
    public List<ObjectWatch> watches() {
        List<ObjectWatch> all = new ArrayList<>();
        clusters.values().forEach(w -> {
            all.addAll(w.namespaced.values());
            all.add(w.cluster);
        });
        return all;
    }

    /** The lookups for workflows of {@code cluster}. */
    WorkflowTemplates forCluster(String cluster) {
        ClusterWatches watches = clusters.get(cluster);
        if (watches == null) {
            return WorkflowTemplates.NONE;
        }
        return new WorkflowTemplates() {
            @Override
            public Optional<WorkflowTemplate> workflowTemplate(String namespace, String name) {
                ObjectWatch watch = watches.namespaced.getOrDefault(Optional.of(namespace),
                        watches.namespaced.get(Optional.<String>empty()));
                if (watch == null) {
                    throw new TemplateLookupException("workflowtemplates.argoproj.io \"" + name + "\" is not"
                            + " readable: namespace " + namespace + " is not served by this controller");
                }
                if (watch.forbidden()) {
                    throw new TemplateLookupException("workflowtemplates.argoproj.io \"" + name + "\" is forbidden:"
                            + " the controller cannot list resource 'workflowtemplates' in API group argoproj.io in"
                            + " the namespace \"" + namespace + "\"");
                }
                return watch.get(namespace, name).map(TemplateInformers::read);
            }

            @Override
            public Optional<WorkflowTemplate> clusterWorkflowTemplate(String name) {
                if (watches.cluster.forbidden()) {
                    // Argo's NullClusterWorkflowTemplateGetter.
                    throw new TemplateLookupException("clusterworkflowtemplates.argoproj.io `" + name + "` is"
                            + " forbidden: User cannot get resource 'clusterworkflowtemplates' in API group"
                            + " argoproj.io at the cluster scope");
                }
                return watches.cluster.get("", name).map(TemplateInformers::read);
            }
        };
    }

    private static WorkflowTemplate read(ObjectNode object) {
        String kind = object.path("kind").asText("");
        String name = object.path("metadata").path("name").asText("");
        try {
            return WorkflowTemplate.read(object, kind + " " + name);
        } catch (WorkflowFormatException | IllegalArgumentException e) {
            throw new TemplateLookupException(kind + " " + name + " cannot be read: " + e.getMessage());
        }
    }
}
