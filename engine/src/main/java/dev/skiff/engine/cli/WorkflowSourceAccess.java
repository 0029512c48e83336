package dev.skiff.engine.cli;

import dev.skiff.engine.cluster.AccessCheck;
import dev.skiff.engine.cluster.AccessRule;
import dev.skiff.engine.cluster.Cluster;
import dev.skiff.engine.cluster.ControllerAccess;
import dev.skiff.engine.config.WorkflowSource;
import java.util.List;
import java.util.stream.Collectors;

/** The permission part of {@code skiff clusters}: what the controller may do where a workflow source points. */
final class WorkflowSourceAccess {

    private WorkflowSourceAccess() {
    }

    /** One check per namespace of the source; one cluster-wide check when it names none (every namespace). */
    static List<AccessCheck.Result> check(Cluster cluster, WorkflowSource source) {
        List<String> namespaces = source.namespaces().isEmpty() ? List.of("") : source.namespaces();
        return namespaces.stream().map(ns -> AccessCheck.check(cluster, ns, ControllerAccess.workflowNamespace()))
                .toList();
    }

    /** {@code spoke1  namespace argo  MISSING: create pods, get pods/exec} or {@code ... OK}. */
    static String line(String cluster, AccessCheck.Result result) {
        String where = cluster + "  " + (result.namespace().isEmpty() ? "all namespaces" : "namespace "
                + result.namespace()) + "  ";
        if (result.error().isPresent()) {
            return where + "ERROR: permissions not checked: " + result.error().get();
        }
        if (result.missing().isEmpty()) {
            return where + "OK";
        }
        return where + "MISSING: " + result.missing().stream().map(AccessRule::describe)
                .collect(Collectors.joining(", "));
    }
}
