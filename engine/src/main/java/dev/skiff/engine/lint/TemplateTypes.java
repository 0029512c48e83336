package dev.skiff.engine.lint;

import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.TemplateKind;
import java.util.ArrayList;
import java.util.List;

/** Argo's view of template kinds: which are leaves, their type names, which kind fields are set. */
final class TemplateTypes {

    private TemplateTypes() {
    }

    /** Argo's {@code IsLeaf}: templates that run something themselves (not steps, DAG or suspend). */
    static boolean isLeaf(TemplateKind kind) {
        return switch (kind) {
            case CONTAINER, CONTAINER_SET, SCRIPT, RESOURCE, DATA, HTTP, PLUGIN -> true;
            default -> false;
        };
    }

    /** Argo's name of a template type ({@code TemplateType}): Container, Steps, DAG, Suspend, ... */
    static String typeName(TemplateKind kind) {
        return switch (kind) {
            case CONTAINER -> "Container";
            case CONTAINER_SET -> "ContainerSet";
            case STEPS -> "Steps";
            case DAG -> "DAG";
            case SCRIPT -> "Script";
            case RESOURCE -> "Resource";
            case DATA -> "Data";
            case SUSPEND -> "Suspend";
            case HTTP -> "HTTP";
            case PLUGIN -> "Plugin";
            case NONE -> "Unknown";
        };
    }

    /** The kind fields the template sets. */
    static List<String> kinds(Template t) {
        List<String> kinds = new ArrayList<>();
        for (TemplateKind kind : TemplateKind.values()) {
            if (kind != TemplateKind.NONE && t.raw().has(kind.field()) && !t.raw().get(kind.field()).isNull()) {
                kinds.add(kind.field());
            }
        }
        return kinds;
    }
}
