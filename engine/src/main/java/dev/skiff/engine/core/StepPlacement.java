package dev.skiff.engine.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.Template;
import dev.skiff.spi.executor.StepTarget;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a pod node runs: Skiff's template fields {@code cluster} and {@code namespace} (not in Argo's schema; the
 * upstream multi-cluster prototypes read them from container and script templates). A pod template's own value
 * wins; else the nearest Steps/DAG template above it that sets one (each field on its own); else empty, which the
 * shell reads as the workflow's own cluster and namespace. Values are rendered like every other template field
 * ({@code {{inputs.parameters.c}}}) and checked <em>after</em> rendering, so a parameter can never smuggle a path,
 * a second expression or another object's name into a target: a namespace must be a DNS-1123 label, a cluster a
 * lower-case name as the controller config allows.
 */
public final class StepPlacement {

    /** The controller config's cluster names: lower-case letters, digits, '-' and '.'. */
    private static final Pattern CLUSTER = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    /** A DNS-1123 label (Kubernetes namespace names). */
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final int MAX_SHOWN = 64;

    private StepPlacement() {
    }

    /** Why {@code value} cannot name a cluster; empty when it can. */
    public static Optional<String> invalidCluster(String value) {
        return CLUSTER.matcher(value).matches() ? Optional.empty() : Optional.of("cluster " + shown(value)
                + " is not a valid cluster name: use lower-case letters, digits, '-' and '.', starting and ending"
                + " with a letter or digit (at most 253 characters)");
    }

    /** Why {@code value} cannot name a namespace; empty when it can. */
    public static Optional<String> invalidNamespace(String value) {
        return NAMESPACE.matcher(value).matches() ? Optional.empty() : Optional.of("namespace " + shown(value)
                + " is not a valid namespace name: a DNS-1123 label (lower-case letters, digits and '-', starting"
                + " and ending with a letter or digit, at most 63 characters)");
    }

    /** Whether the template sets a cluster or a namespace of its own. */
    public static boolean placed(JsonNode template) {
        return !template.path("cluster").isMissingNode() || !template.path("namespace").isMissingNode();
    }

    /**
     * The target of a pod node running {@code tmpl} (processed) below the boundary {@code boundaryId}: its own
     * fields, else inherited through the boundary chain; each value checked.
     *
     * @throws ReconcileException naming the template and the problem when a value is not a valid name
     */
    static StepTarget of(Ctx ctx, Template tmpl, String boundaryId) {
        String cluster = field(tmpl, "cluster");
        String namespace = field(tmpl, "namespace");
        String from = tmpl.name();
        String clusterFrom = from;
        String namespaceFrom = from;
        String current = boundaryId;
        int guard = 0;
        while ((cluster.isEmpty() || namespace.isEmpty()) && !current.isEmpty() && guard++ < 10_000) {
            NodeStatus boundary = ctx.state.byId(current);
            if (boundary == null) {
                break;
            }
            Template parent = ctx.processed.get(current);
            if (parent == null) {
                parent = TemplateResolution.ofNode(ctx, boundary).orElse(null);
            }
            if (parent != null) {
                if (cluster.isEmpty()) {
                    cluster = field(parent, "cluster");
                    clusterFrom = parent.name();
                }
                if (namespace.isEmpty()) {
                    namespace = field(parent, "namespace");
                    namespaceFrom = parent.name();
                }
            }
            current = boundary.boundaryId();
        }
        if (!cluster.isEmpty()) {
            String where = clusterFrom;
            invalidCluster(cluster).ifPresent(p -> {
                throw new ReconcileException("template '" + where + "': " + p);
            });
        }
        if (!namespace.isEmpty()) {
            String where = namespaceFrom;
            invalidNamespace(namespace).ifPresent(p -> {
                throw new ReconcileException("template '" + where + "': " + p);
            });
        }
        return new StepTarget(cluster, namespace);
    }

    private static String field(Template tmpl, String name) {
        JsonNode value = tmpl.raw().path(name);
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (!value.isValueNode()) {
            throw new ReconcileException("template '" + tmpl.name() + "': " + name + " must be a string");
        }
        return value.asText("");
    }

    /** The value quoted, cut short: a parameter may be long, and the message goes into the status. */
    private static String shown(String value) {
        String cut = value.length() > MAX_SHOWN ? value.substring(0, MAX_SHOWN) + "..." : value;
        StringBuilder out = new StringBuilder("'");
        for (char c : cut.toCharArray()) {
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.append('\'').toString();
    }
}
