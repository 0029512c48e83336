package dev.skiff.engine.core;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.model.Outputs;
import dev.skiff.engine.model.Parameter;
import dev.skiff.engine.model.Template;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Argo's executeSuspend: a node that waits for a duration or until resumed. */
final class SuspendNodes {

    private SuspendNodes() {
    }

    static NodeStatus execute(Ctx ctx, String nodeName, Template tmpl, Call call, Opts opts) {
        RunState st = ctx.state;
        NodeStatus node = st.byName(nodeName).orElse(null);
        if (node == null) {
            node = Nodes.initExecutable(ctx, nodeName, NodeType.SUSPEND, call, tmpl, opts, NodePhase.PENDING, "");
        }
        if (ctx.resumed.remove(node.id())) {
            return resume(ctx, node);
        }
        String duration = tmpl.suspendDuration().orElse("");
        if (!duration.isEmpty()) {
            Instant until = node.startedAt().orElse(ctx.now()).plus(GoDuration.parseArgoOrFail(duration));
            if (ctx.now().isAfter(until)) {
                return resume(ctx, node);
            }
            ctx.wakeAt(until.plusSeconds(1), node.id());
        }
        ctx.workflowDeadline.ifPresent(deadline -> ctx.wakeAt(deadline.plusSeconds(1), ctx.state.nodeId(nodeName)));
        return st.markPhase(nodeName, NodePhase.RUNNING);
    }

    /** Ends a suspend node: supplied outputs take their defaults (Argo's OverrideOutputParametersWithDefault). */
    static NodeStatus resume(Ctx ctx, NodeStatus node) {
        if (node.outputs().isPresent()) {
            List<Parameter> params = new ArrayList<>();
            for (Parameter p : node.outputs().get().parameters()) {
                if (p.valueFrom().isPresent() && p.valueFrom().get().supplied()) {
                    Optional<String> def = p.valueFrom().get().defaultValue();
                    if (def.isEmpty()) {
                        throw new ReconcileException("raw output parameter '" + p.name()
                                + "' has not been set and does not have a default value");
                    }
                    params.add(p.withValue(def.get()).withoutValueFrom());
                } else {
                    params.add(p);
                }
            }
            Outputs old = node.outputs().get();
            ctx.state.put(node.withOutputs(Optional.of(new Outputs(params, old.result(), old.exitCode()))));
        }
        return ctx.state.markPhase(node.name(), NodePhase.SUCCEEDED);
    }
}
