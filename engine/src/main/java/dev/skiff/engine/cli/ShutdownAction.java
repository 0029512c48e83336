package dev.skiff.engine.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * What {@code skiff stop} and {@code skiff terminate} do, as Argo does it: refuse a workflow that
 * is already done, else merge-patch {@code spec.shutdown} to {@code Stop} (exit handlers still run)
 * or {@code Terminate}; the controller then stops the pods.
 */
final class ShutdownAction {

    private ShutdownAction() {
    }

    /** The merge patch {@code {"spec":{"shutdown":STRATEGY}}}. */
    static ObjectNode patch(String strategy) {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        patch.putObject("spec").put("shutdown", strategy);
        return patch;
    }

    /**
     * @param strategy {@code Stop} or {@code Terminate}
     * @param done     the word for the report: {@code stopped} or {@code terminated}
     */
    static int run(CliIo io, WorkflowApi api, List<String> names, String selector, boolean dryRun, String strategy,
            String done) {
        for (String name : WorkflowTargets.names(api, names, selector)) {
            if (dryRun) {
                io.out().println("workflow " + name + " " + done + " (dry-run)");
                continue;
            }
            WorkflowTargets.patch(api, name, wf -> {
                if (isFulfilled(wf)) {
                    throw new CommandFailedException("cannot shutdown a completed workflow: workflow: \"" + name
                            + "\", namespace: \"" + api.namespace() + "\"");
                }
                return Optional.of(patch(strategy));
            });
            io.out().println("workflow " + name + " " + done);
        }
        io.out().flush();
        return ExitCodes.OK;
    }

    static boolean isFulfilled(ObjectNode wf) {
        return List.of("Succeeded", "Failed", "Error").contains(WorkflowObjects.phase(wf));
    }
}
