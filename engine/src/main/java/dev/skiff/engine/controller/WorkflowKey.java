package dev.skiff.engine.controller;

import java.util.Objects;

/**
 * Names one Workflow object the controller handles: the cluster it lives in (a workflow source's), its namespace
 * and name. Shown as {@code cluster/namespace/name}.
 */
public record WorkflowKey(String cluster, String namespace, String name) {

    public WorkflowKey {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return cluster + "/" + namespace + "/" + name;
    }
}
