package dev.skiff.engine.config;

import java.util.List;

/**
 * Where the controller watches for Workflow objects.
 *
 * @param cluster    a cluster name
 * @param namespaces the namespaces to watch there; empty means all
 */
public record WorkflowSource(String cluster, List<String> namespaces) {

    public WorkflowSource {
        namespaces = List.copyOf(namespaces);
    }
}
