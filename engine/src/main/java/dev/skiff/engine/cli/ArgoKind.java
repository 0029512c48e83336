package dev.skiff.engine.cli;

import dev.skiff.engine.kube.KubeResources;
import dev.skiff.engine.kube.KubeRest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The argoproj.io kinds besides Workflow that the cluster commands handle, with the names Argo's CLI accepts for each
 * ({@code --from KIND/NAME}: the kind, its singular, plural and short names, as Argo's server matches them).
 */
enum ArgoKind {
    WORKFLOW_TEMPLATE("WorkflowTemplate", "workflowtemplates", true, "workflowtemplate", "wftmpl"),
    CLUSTER_WORKFLOW_TEMPLATE("ClusterWorkflowTemplate", "clusterworkflowtemplates", false,
            "clusterworkflowtemplate", "cwftmpl", "cwft"),
    CRON_WORKFLOW("CronWorkflow", "cronworkflows", true, "cronworkflow", "cronwf", "cwf");

    private final String kind;
    private final String plural;
    private final boolean namespaced;
    private final List<String> names;

    ArgoKind(String kind, String plural, boolean namespaced, String... names) {
        this.kind = kind;
        this.plural = plural;
        this.namespaced = namespaced;
        this.names = List.of(names);
    }

    String kind() {
        return kind;
    }

    String plural() {
        return plural;
    }

    boolean namespaced() {
        return namespaced;
    }

    /** The resources of this kind on the server (cluster-scoped ones take namespace ""). */
    KubeResources resources(KubeRest rest) {
        return new KubeResources(rest, "apis/argoproj.io/v1alpha1", plural);
    }

    /** Kubernetes' NotFound words for an object of this kind. */
    String notFound(String name) {
        return plural + ".argoproj.io \"" + name + "\" not found";
    }

    /** The kind {@code text} names (case-insensitive: kind, singular, plural, short names). */
    static Optional<ArgoKind> parse(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.kind.toLowerCase(Locale.ROOT).equals(t) || k.plural.equals(t)
                || k.names.contains(t)).findFirst();
    }
}
