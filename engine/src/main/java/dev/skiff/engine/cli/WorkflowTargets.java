package dev.skiff.engine.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.kube.KubeApiException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** The workflows an action applies to, and a change made to one of them despite concurrent writers. */
final class WorkflowTargets {

    private static final int ATTEMPTS = 5;

    private WorkflowTargets() {
    }

    /**
     * The named workflows ({@code @latest} resolved) and, with a selector, those it matches; each once.
     *
     * @throws UserInputException when neither names nor a selector are given
     */
    static List<String> names(WorkflowApi api, List<String> names, String selector) {
        if (names.isEmpty() && (selector == null || selector.isBlank())) {
            throw new UserInputException("give a workflow name or a selector (-l)");
        }
        Set<String> all = new LinkedHashSet<>();
        if (selector != null && !selector.isBlank()) {
            api.list(selector, false).stream().sorted(WorkflowTable.ORDER).map(WorkflowObjects::name)
                    .forEach(all::add);
        }
        for (String name : names) {
            all.add(WorkflowApi.LATEST.equals(name) ? WorkflowObjects.name(api.require(name)) : name);
        }
        return List.copyOf(all);
    }

    /**
     * Reads the workflow, computes a merge patch from it (empty: nothing to do) and applies it; when
     * the patch carries the read resourceVersion and the object changed meanwhile (409), it is read
     * and computed again.
     *
     * @return the workflow after the change (or as read, when nothing was to change)
     */
    static ObjectNode patch(WorkflowApi api, String name, Function<ObjectNode, Optional<ObjectNode>> change) {
        for (int attempt = 1; ; attempt++) {
            ObjectNode current = api.require(name);
            Optional<ObjectNode> patch = change.apply(current);
            if (patch.isEmpty()) {
                return current;
            }
            try {
                return api.mergePatch(name, patch.get());
            } catch (KubeApiException e) {
                if (e.code() != 409 || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
