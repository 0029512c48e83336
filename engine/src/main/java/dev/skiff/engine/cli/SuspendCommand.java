package dev.skiff.engine.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code skiff suspend NAME...}: pause workflows (no new steps start) until resumed. */
@Command(name = "suspend", header = "Suspend workflows: no new steps start until resumed.", description = {
    "Suspend workflows: no new steps start until they are resumed (spec.suspend=true).",
    "As 'argo suspend': running steps go on; a completed workflow is refused.",
    "Exit codes: 0 done, 1 not found, completed, or the API refused, 2 bad input."})
final class SuspendCommand implements Callable<Integer> {

    @ParentCommand
    private SkiffMain main;

    @Mixin
    private ClusterOptions cluster;

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "The workflows (@latest: the newest).")
    private List<String> names = List.of();

    @Override
    public Integer call() {
        CliIo io = main.io();
        try (ClusterConnection connection = cluster.connect(io)) {
            WorkflowApi api = new WorkflowApi(connection);
            for (String name : WorkflowTargets.names(api, names, null)) {
                WorkflowTargets.patch(api, name, wf -> {
                    if ("true".equals(wf.path("metadata").path("labels").path(WorkflowSelection.COMPLETED_LABEL).asText())) {
                        throw new CommandFailedException("failed to suspend " + name
                                + ": cannot suspend completed workflows");
                    }
                    return wf.path("spec").path("suspend").asBoolean(false) ? Optional.empty() : Optional.of(patch());
                });
                io.out().println("workflow " + name + " suspended");
            }
            io.out().flush();
            return ExitCodes.OK;
        }
    }

    /** The merge patch {@code {"spec":{"suspend":true}}}. */
    static ObjectNode patch() {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        patch.putObject("spec").put("suspend", true);
        return patch;
    }
}
