package dev.skiff.engine.core;

import dev.skiff.engine.model.Artifact;
import dev.skiff.engine.model.Outputs;
import dev.skiff.engine.model.Parameter;

/**
 * Argo's addOutputsToGlobalScope: outputs with a {@code globalName} become workflow outputs; an artifact
 * is exported under its global name without {@code globalName} and {@code path} (addArtifactToGlobalScope).
 */
final class GlobalOutputs {

    private GlobalOutputs() {
    }

    static void add(Ctx ctx, Outputs outputs) {
        for (Parameter p : outputs.parameters()) {
            if (p.globalName().isEmpty()) {
                continue;
            }
            p.value().ifPresent(v -> ctx.globals.put("workflow.outputs.parameters." + p.globalName(), v));
            String previous = ctx.globalOutputs.get(p.globalName());
            if (previous == null || p.value().isPresent()) {
                String value = p.value().orElse(previous);
                if (!ctx.globalOutputs.containsKey(p.globalName()) || !java.util.Objects.equals(previous, value)) {
                    ctx.globalOutputs.put(p.globalName(), value);
                    ctx.state.touch();
                }
            }
        }
        for (Artifact a : outputs.artifacts()) {
            if (a.globalName().isEmpty()) {
                continue;
            }
            Artifact global = a.withName(a.globalName()).withField("globalName", null).withPath("");
            if (!global.equals(ctx.globalArtifacts.get(global.name()))) {
                ctx.globalArtifacts.put(global.name(), global);
                ctx.state.touch();
            }
        }
    }
}
