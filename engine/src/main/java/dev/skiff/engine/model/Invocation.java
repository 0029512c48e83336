package dev.skiff.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A call of a template from a steps or DAG template: a {@link WorkflowStep} or a {@link DagTask}. */
public sealed interface Invocation permits WorkflowStep, DagTask {

    String name();

    /** Name of the template to run; empty when {@code inline} or {@code templateRef} is used. */
    String template();

    Arguments arguments();

    /** {@code withItems}: the loop items as JSON values. */
    List<JsonNode> withItems();

    String withParam();

    Optional<Sequence> withSequence();

    String when();

    Optional<ContinueOn> continueOn();

    String onExit();

    Map<String, LifecycleHook> hooks();

    /** {@code templateRef}: a template of a WorkflowTemplate or ClusterWorkflowTemplate to run. */
    Optional<TemplateRef> templateRef();

    /** Whether {@code templateRef} is used. */
    default boolean hasTemplateRef() {
        return templateRef().isPresent();
    }

    /** The {@code inline} template, if any. */
    Optional<ObjectNode> inline();

    /** The step or task as written, for tag substitution. */
    ObjectNode raw();

    /** Whether a loop expands this call into several nodes. */
    default boolean expands() {
        return !withItems().isEmpty() || !withParam().isEmpty() || withSequence().isPresent();
    }

    /** Whether a failure or error in this phase lets the enclosing template go on. */
    default boolean continuesOn(NodePhase phase) {
        return continueOn().map(c -> c.continuesOn(phase)).orElse(false);
    }

    /** Argo's exit hook: {@code onExit}, else {@code hooks.exit}; the given arguments fill empty ones. */
    default Optional<LifecycleHook> exitHook(Arguments fallback) {
        if (!onExit().isEmpty()) {
            return Optional.of(new LifecycleHook(onExit(), fallback, "", Optional.empty()));
        }
        LifecycleHook hook = hooks().get(LifecycleHook.EXIT);
        if (hook == null) {
            return Optional.empty();
        }
        boolean emptyArgs = hook.arguments().isEmpty();
        return Optional.of(emptyArgs ? new LifecycleHook(hook.template(), fallback, hook.expression(),
                hook.templateRef()) : hook);
    }
}
