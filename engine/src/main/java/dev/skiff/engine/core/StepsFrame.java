package dev.skiff.engine.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Working memory of a Steps node: how far its groups got and the variables its finished steps offer,
 * kept per step name so that rendering a step only copies what it refers to.
 */
final class StepsFrame {

    /** Index of the first step group that is not done. */
    int group;
    /** Variables every step sees: the template's inputs. */
    final Map<String, Object> base = new HashMap<>();
    /** {@code steps.NAME.*} variables by step name. */
    final Map<String, Map<String, Object>> byStep = new HashMap<>();
    /** Group frames by step group index. */
    final Map<Integer, GroupFrame> groups = new HashMap<>();

    void put(String stepName, String key, Object value) {
        byStep.computeIfAbsent(stepName, k -> new HashMap<>()).put(key, value);
    }

    /** The variables a text may refer to: globals, inputs and the steps it names. */
    Map<String, Object> scopeFor(Ctx ctx, String text) {
        Map<String, Object> scope = new HashMap<>(ctx.globals);
        scope.putAll(base);
        for (String name : Tags.referencedNames(text, "steps")) {
            Map<String, Object> entries = byStep.get(name);
            if (entries != null) {
                scope.putAll(entries);
            }
        }
        return scope;
    }

    /** Every variable, for the template's outputs. */
    Map<String, Object> fullScope(Ctx ctx) {
        Map<String, Object> scope = new HashMap<>(base);
        ctx.globalOutputs.forEach((k, v) -> scope.put("workflow.outputs.parameters." + k, v));
        byStep.values().forEach(scope::putAll);
        return scope;
    }

    /** Working memory of one step group or task group: its expanded calls and which of them still need attention. */
    static final class GroupFrame {
        /** The expanded steps, once references were resolved; null before. */
        List<Entry> entries;
        /** Entries whose node or hooks are not done yet. */
        final List<Entry> unsettled = new ArrayList<>();
    }

    /**
     * One child of a step group.
     *
     * @param childName node name
     * @param call      the resolved (and expanded) step or task
     * @param stepName  the step's name before expansion
     */
    record Entry(String childName, dev.skiff.engine.model.Invocation call, String stepName) {
    }
}
