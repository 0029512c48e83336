package dev.skiff.engine.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code skiff controller} must be allowed to do in a namespace whose Workflows it runs: the rules that
 * {@code skiff clusters} checks and that the distribution's manifests grant (the spoke ClusterRole grants exactly
 * these, nothing more). Leader election and the cluster secret live in the controller's own namespace of its own
 * cluster and are not part of it.
 */
public final class ControllerAccess {

    private static final String ARGO = "argoproj.io";

    private ControllerAccess() {
    }

    /** The rules, in the order they are reported. */
    public static List<AccessRule> workflowNamespace() {
        List<AccessRule> rules = new ArrayList<>();
        // Workflows: watched, their status written with the object (Argo's CRDs have no status subresource).
        add(rules, ARGO, "workflows", "", "get", "list", "watch", "update", "patch");
        // CronWorkflows' Workflows: created, and deleted past the history limits.
        add(rules, ARGO, "workflows", "", "create", "delete");
        // What templateRef and workflowTemplateRef read, through informers.
        add(rules, ARGO, "workflowtemplates", "", "get", "list", "watch");
        add(rules, ARGO, "clusterworkflowtemplates", "", "get", "list", "watch");
        // CronWorkflows: watched, their status, labels and annotations patched.
        add(rules, ARGO, "cronworkflows", "", "get", "list", "watch", "update", "patch");
        // What argoexec reports for each step; deleted with the workflow's pods.
        add(rules, ARGO, "workflowtaskresults", "", "list", "watch", "delete", "deletecollection");
        // Step pods: created, watched, labelled, deleted; stopped by argoexec kill through exec (POST over SPDY,
        // GET over WebSocket, which the Java client uses).
        add(rules, "", "pods", "", "create", "get", "list", "watch", "patch", "delete");
        add(rules, "", "pods", "exec", "create", "get");
        // Templates too large for ARGO_TEMPLATE go to a ConfigMap; artifact repositories are read from ConfigMaps.
        add(rules, "", "configmaps", "", "get", "list", "watch", "create", "delete");
        add(rules, "", "events", "", "create", "patch");
        return List.copyOf(rules);
    }

    private static void add(List<AccessRule> rules, String group, String resource, String subresource,
                            String... verbs) {
        for (String verb : verbs) {
            rules.add(new AccessRule(verb, group, resource, subresource));
        }
    }
}
