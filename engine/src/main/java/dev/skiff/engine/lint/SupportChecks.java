package dev.skiff.engine.lint;

import dev.skiff.engine.core.ReconcileLimits;
import dev.skiff.engine.model.Invocation;
import dev.skiff.engine.model.Parameter;
import dev.skiff.engine.model.Sequence;
import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.TemplateKind;
import dev.skiff.engine.model.WorkflowSpec;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Features Argo runs but Skiff's reconciler does not support yet, in the templates the workflow can reach, wherever
 * the steps run ({@link ExecutionProfile}); and loops whose size, known before the run, is over
 * {@link ReconcileLimits#maxLoopItems()}.
 */
final class SupportChecks {

    private final WorkflowSpec spec;
    private final Problems problems;
    private final ReconcileLimits limits;
    private final boolean localRun;

    SupportChecks(WorkflowSpec spec, Problems problems, ReconcileLimits limits, boolean localRun) {
        this.spec = spec;
        this.problems = problems;
        this.limits = limits;
        this.localRun = localRun;
    }

    void checkWorkflow() {
        if (spec.raw().has("synchronization")) {
            problems.unsupported("", "spec.synchronization is not supported by Skiff yet: no lock or semaphore would"
                    + " be taken, so the workflow would run while others hold it", "remove spec.synchronization, or"
                    + " run the workflows one after another");
        }
        for (Parameter p : spec.arguments().parameters()) {
            boolean configMap = p.valueFrom().map(ArgumentValidation::hasConfigMap).orElse(false);
            if (configMap && localRun) {
                problems.unsupported("", "spec.arguments." + p.name() + ".valueFrom.configMapKeyRef is not supported"
                        + " by skiff run: only a controller reads ConfigMaps", "give the parameter a value, pass it"
                        + " with -p " + p.name() + "=VALUE, or run it in a cluster (skiff controller or Argo)");
            } else if (p.valueFrom().isPresent() && !configMap) {
                problems.unsupported("", "spec.arguments." + p.name() + ".valueFrom is not supported by Skiff yet",
                        "give the parameter a value, or pass it with -p " + p.name() + "=VALUE");
            }
        }
    }

    void checkTemplate(Template template) {
        String name = template.name();
        String at = "templates." + name;
        if (template.kind() != TemplateKind.NONE && !template.kind().isSupported()) {
            problems.unsupported(name, template.kind().field() + " templates are not supported by Skiff yet",
                    "use a container or script template instead");
        }
        if (template.raw().has("synchronization")) {
            problems.unsupported(name, at + ".synchronization is not supported by Skiff yet: no mutex or semaphore"
                    + " would be taken, so every holder would run at once", "remove synchronization, or limit"
                    + " concurrency with parallelism: 1 on the steps or DAG that calls it");
        }
        if (template.raw().has("memoize")) {
            problems.unsupported(name, at + ".memoize is not supported by Skiff yet: the step would run every time"
                    + " instead of reusing a cached result", "remove memoize");
        }
        configMapParameters(name, at + ".inputs.parameters", template.inputs().parameters());
        int i = 0;
        for (List<? extends Invocation> group : template.steps()) {
            for (Invocation step : group) {
                checkCall(name, step, at + ".steps[" + i + "]." + step.name());
            }
            i++;
        }
        template.dag().ifPresent(d -> d.tasks().forEach(t -> checkCall(name, t, at + ".tasks." + t.name())));
    }

    private void checkCall(String template, Invocation call, String where) {
        configMapParameters(template, where + ".arguments.parameters", call.arguments().parameters());
        staticLoopSize(call).ifPresent(size -> {
            if (limits.tooManyLoopItems(size.items())) {
                problems.unsupported(template, where + ": " + limits.loopTooLarge(size.loop(), size.items()),
                        "loop over fewer items (split the work into batches), or raise --max-loop-items");
            }
        });
    }

    /**
     * Argo's controller reads a ConfigMap for {@code valueFrom.configMapKeyRef} itself (from its informer of
     * labelled ConfigMaps; not Kubernetes, not the executor): {@code skiff controller} does the same, {@code skiff
     * run} has no ConfigMaps and refuses it.
     */
    private void configMapParameters(String template, String where, List<Parameter> parameters) {
        if (!localRun) {
            return;
        }
        for (Parameter p : parameters) {
            if (p.valueFrom().map(ArgumentValidation::hasConfigMap).orElse(false)) {
                problems.unsupported(template, where + "." + p.name() + ".valueFrom.configMapKeyRef is not supported"
                        + " by skiff run: only a controller reads ConfigMaps", "give the parameter a value or default,"
                        + " or run it in a cluster (skiff controller or Argo)");
            }
        }
    }

    /** A loop's size known from the spec alone. */
    private record LoopSize(String loop, long items) {
    }

    /** The size of a literal {@code withItems} or of a {@code withSequence} of plain numbers, if known. */
    private static Optional<LoopSize> staticLoopSize(Invocation call) {
        if (!call.withItems().isEmpty()) {
            return Optional.of(new LoopSize("withItems", call.withItems().size()));
        }
        return call.withSequence().map(Sequence::literalSize).filter(OptionalLong::isPresent)
                .map(size -> new LoopSize("withSequence", size.getAsLong()));
    }
}
