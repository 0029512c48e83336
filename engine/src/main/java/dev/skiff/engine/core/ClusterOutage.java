package dev.skiff.engine.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A cluster whose API server has not answered since {@code since}, as the shell observed it.
 *
 * @param cluster the cluster's name as users wrote it ({@code cluster:} of a template, or the workflow's own)
 * @param since   when the first request or watch without an answer failed
 * @param cause   a short reason without secrets (exception kind, address)
 */
public record ClusterOutage(String cluster, Instant since, String cause) {

    public ClusterOutage {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(cause, "cause");
    }
}
