package dev.skiff.engine.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.Arguments;
import dev.skiff.engine.model.Artifact;
import dev.skiff.engine.model.LifecycleHook;
import dev.skiff.engine.model.NodeFlag;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.Outputs;
import dev.skiff.engine.model.Parameter;
import dev.skiff.engine.model.ParameterJson;
import dev.skiff.engine.template.UnresolvedTags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Exit handlers and lifecycle hooks of steps and tasks (Argo's runOnExitNode, executeTmplLifeCycleHook). */
final class ExitHooks {

    /**
     * The state of an exit handler.
     *
     * @param has   whether the parent has one that runs
     * @param node  its node, or null
     * @param error what went wrong, or null
     */
    record OnExit(boolean has, NodeStatus node, ReconcileException error) {

        /** Whether the parent must still wait for its exit handler. */
        boolean pending() {
            return has && (node == null || !node.isDone() || error != null);
        }
    }

    /**
     * The state of lifecycle hooks.
     *
     * @param completed whether every hook that ran is done
     * @param error     what went wrong, or null
     */
    record Hooks(boolean completed, ReconcileException error) {
    }

    private final Ctx ctx;
    private final TemplateExecutor executor;

    ExitHooks(Ctx ctx, TemplateExecutor executor) {
        this.ctx = ctx;
        this.executor = executor;
    }

    /**
     * Argo's runOnExitNode: runs {@code parent.onExit} once the parent completed, resolved in {@code base} (the
     * base of the steps or DAG template the parent belongs to).
     */
    OnExit runOnExit(Optional<LifecycleHook> hook, NodeStatus parent, String boundaryId, String prefix, String name,
                     Map<String, Object> scope, String ownerId, TemplateBase base) {
        if (hook.isEmpty() || !ctx.shouldExecute(true)) {
            return new OnExit(false, null, null);
        }
        Outputs outputs = Retries.lastChild(ctx.state, parent).map(c -> c.outputs().orElse(null))
                .orElse(parent.outputs().orElse(null));
        try {
            if (!hook.get().expression().isEmpty()
                    && !Tags.evalBool(hook.get().expression(), withGlobals(scope))) {
                return new OnExit(false, null, null);
            }
            String onExitName = parent.name() + ".onExit";
            Arguments args = hook.get().arguments();
            if (!args.isEmpty()) {
                args = resolveArguments(args, prefix, name, outputs, scope);
            }
            Exec exec = executor.execute(onExitName, Call.of(hook.get(), base), args,
                    new Opts(boundaryId, true, Optional.of(NodeFlag.HOOKED), ownerId, Optional.empty()));
            ctx.state.addChild(parent.name(), onExitName);
            return new OnExit(true, exec.node(), exec.error());
        } catch (ReconcileException e) {
            return new OnExit(true, null, e);
        }
    }

    /** Argo's executeTmplLifeCycleHook: hooks other than exit, run when their expression holds. */
    Hooks runLifecycleHooks(Map<String, LifecycleHook> hooks, NodeStatus parent, String boundaryId, String prefix,
                            String name, Map<String, Object> scope, String ownerId, TemplateBase base) {
        if (hooks.isEmpty() || (hooks.size() == 1 && hooks.containsKey(LifecycleHook.EXIT))) {
            return new Hooks(true, null);
        }
        List<NodeStatus> hookNodes = new ArrayList<>();
        for (Map.Entry<String, LifecycleHook> e : new TreeMap<>(hooks).entrySet()) {
            if (e.getKey().equals(LifecycleHook.EXIT)) {
                continue;
            }
            String hookName = parent.name() + ".hooks." + e.getKey();
            LifecycleHook hook = e.getValue();
            if (hook.expression().isEmpty()) {
                return new Hooks(false, new ReconcileException("Expression required for hook " + hookName));
            }
            boolean run;
            try {
                run = Tags.evalBool(hook.expression(), withGlobals(scope));
            } catch (ReconcileException ex) {
                return new Hooks(false, ex);
            }
            if (run || ctx.state.byName(hookName).isPresent()) {
                Arguments args = hook.arguments();
                Optional<Outputs> outputs = Retries.lastChild(ctx.state, parent).flatMap(NodeStatus::outputs)
                        .or(parent::outputs);
                if (!args.isEmpty() && outputs.isPresent()) {
                    args = resolveArguments(args, prefix, name, outputs.get(), scope);
                }
                Exec exec = executor.execute(hookName, Call.of(hook, base), args,
                        new Opts(boundaryId, false, Optional.of(NodeFlag.HOOKED), ownerId, Optional.empty()));
                if (exec.failed()) {
                    return new Hooks(false, exec.error());
                }
                ctx.state.addChild(parent.name(), hookName);
                hookNodes.add(exec.node());
            }
        }
        return new Hooks(hookNodes.stream().allMatch(n -> n != null && n.isDone()), null);
    }

    /** Argo's resolveExitTmplArgument: the parent's outputs are visible to the hook's arguments. */
    private Arguments resolveArguments(Arguments args, String prefix, String name, Outputs outputs,
                                       Map<String, Object> scope) {
        Map<String, Object> withOutputs = withGlobals(scope);
        if (outputs != null) {
            for (Parameter p : outputs.parameters()) {
                withOutputs.put(prefix + "." + name + ".outputs.parameters." + p.name(), p.value().orElse(""));
            }
            for (Artifact a : outputs.artifacts()) {
                withOutputs.put(prefix + "." + name + ".outputs.artifacts." + a.name(), a);
            }
        }
        ObjectNode raw = TemplateProcessor.emptyObject();
        var list = raw.putArray("parameters");
        args.parameters().forEach(p -> list.add(ParameterJson.write(p)));
        ObjectNode rendered = (ObjectNode) Tags.renderTree(raw, withOutputs, UnresolvedTags.KEEP);
        List<Artifact> artifacts = new ArrayList<>();
        for (Artifact art : args.artifacts()) {
            artifacts.add(art.from().isEmpty() && art.fromExpression().isEmpty() ? art
                    : ArtifactReferences.resolve(ctx, art, withOutputs, null).withName(art.name()));
        }
        return new Arguments(ParameterJson.readList(rendered, "parameters", "arguments"), artifacts);
    }

    private Map<String, Object> withGlobals(Map<String, Object> scope) {
        Map<String, Object> all = new HashMap<>(ctx.globals);
        all.putAll(scope);
        return all;
    }
}
