package dev.skiff.engine.config;

import java.util.Optional;

/**
 * One named cluster.
 *
 * @param name             how workflows and config refer to it
 * @param managedNamespace the only namespace Skiff may use there; empty means any
 * @param auth             how to authenticate
 * @param origin           where the entry came from
 */
public record ClusterConfig(String name, Optional<String> managedNamespace, AuthSpec auth, Origin origin) {

    /** Where a cluster entry came from. */
    public enum Origin {
        /** {@code clusters:} of the controller config. */
        CONFIG,
        /** A context of the Argo-style {@code kubeconfig} secret. */
        SECRET,
        /** The local cluster, present without being configured. */
        IMPLICIT
    }

    /** The local cluster's name. */
    public static final String IN_CLUSTER = "in-cluster";
}
