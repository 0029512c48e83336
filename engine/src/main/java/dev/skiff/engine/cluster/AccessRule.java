package dev.skiff.engine.cluster;

import java.util.Objects;

/**
 * One thing a client may or may not do in Kubernetes' RBAC terms: a verb on a resource (or a subresource of it)
 * of an API group.
 *
 * @param verb        {@code get}, {@code list}, {@code watch}, {@code create}, ...
 * @param group       the API group; empty for the core group
 * @param resource    the resource, plural ({@code pods})
 * @param subresource the subresource ({@code exec}), empty for none
 */
public record AccessRule(String verb, String group, String resource, String subresource) {

    public AccessRule {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(subresource, "subresource");
    }

    /** How {@code kubectl auth can-i} names it: {@code create pods/exec}, {@code watch workflows.argoproj.io}. */
    public String describe() {
        return verb + " " + resource + (group.isEmpty() ? "" : "." + group) + (subresource.isEmpty() ? ""
                : "/" + subresource);
    }
}
