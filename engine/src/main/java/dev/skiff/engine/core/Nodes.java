package dev.skiff.engine.core;

import dev.skiff.engine.model.Inputs;
import dev.skiff.engine.model.NodeFlag;
import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.model.Outputs;
import dev.skiff.engine.model.Parameter;
import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.ValueFrom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Argo's node initialisers that need a template (initializeExecutableNode, initializeNodeOrMarkError). */
final class Nodes {

    private Nodes() {
    }

    static NodeStatus initExecutable(Ctx ctx, String name, NodeType type, Call call, Template tmpl, Opts opts,
                                     NodePhase phase, String message) {
        NodeStatus node = ctx.state.initNode(name, type, call.templateName(), call.templateRef(),
                call.base().scopeText(), opts.boundaryId(), phase, opts.nodeFlag(), message);
        if (!tmpl.inputs().isEmpty()) {
            node = node.withInputs(Optional.of(tmpl.inputs()));
        }
        if (type == NodeType.SUSPEND) {
            node = withSuppliedOutputs(node, tmpl);
        }
        ctx.state.put(node);
        ctx.state.setOwner(node.id(), opts.ownerId());
        ctx.state.markVisited(node.id());
        return node;
    }

    /** Argo's addRawOutputFields: a suspend node lists the outputs the user may supply on resume. */
    private static NodeStatus withSuppliedOutputs(NodeStatus node, Template tmpl) {
        List<Parameter> params = new ArrayList<>();
        for (Parameter p : tmpl.outputs().parameters()) {
            if (p.valueFrom().isEmpty() || !p.valueFrom().get().supplied()) {
                continue;
            }
            ValueFrom from = p.valueFrom().get();
            if (from.defaultValue().isEmpty()) {
                Optional<String> inputDefault = tmpl.inputs().parameter(p.name()).flatMap(Parameter::defaultValue);
                if (inputDefault.isPresent()) {
                    from = new ValueFrom(from.path(), from.parameter(), from.expression(), inputDefault,
                            from.jsonPath(), from.event(), from.supplied(), from.configMapName(), from.configMapKey());
                }
            }
            params.add(new Parameter(p.name(), p.value(), p.defaultValue(), Optional.of(from), p.globalName(),
                    p.enumValues(), p.description()));
        }
        if (params.isEmpty()) {
            return node;
        }
        return node.withOutputs(Optional.of(new Outputs(params, Optional.empty(), Optional.empty())));
    }

    /** Argo's initializeNodeOrMarkError: errors an existing node, or creates a Skipped node in Error. */
    static NodeStatus initOrMarkError(Ctx ctx, String name, Call call, Opts opts, String message) {
        Optional<NodeStatus> existing = ctx.state.byName(name);
        if (existing.isPresent()) {
            return ctx.state.markError(name, message);
        }
        NodeStatus node = ctx.state.initNode(name, NodeType.SKIPPED, call.templateName(), call.templateRef(),
                call.base().scopeText(), opts.boundaryId(), NodePhase.ERROR, opts.nodeFlag(), message);
        ctx.state.setOwner(node.id(), opts.ownerId());
        return node;
    }

    /**
     * A Skipped-type node created by steps/DAG logic (skipped by when, omitted, errored before running), recording
     * the call's template name or templateRef and its scope, as Argo does for the step or task.
     */
    static NodeStatus initSkipped(Ctx ctx, String name, Call call, String boundaryId, NodePhase phase,
                                  String message, String ownerId) {
        NodeStatus node = ctx.state.initNode(name, NodeType.SKIPPED, call.templateName(), call.templateRef(),
                call.base().scopeText(), boundaryId, phase, Optional.of(NodeFlag.NONE), message);
        ctx.state.setOwner(node.id(), ownerId);
        return node;
    }

    static Inputs inputsOf(Template tmpl) {
        return tmpl.inputs();
    }
}
