package dev.skiff.engine.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code skiff cron suspend NAME...}: no Workflows are scheduled until resumed ({@code spec.suspend: true}). */
@Command(name = "suspend", header = "Suspend CronWorkflows: nothing is scheduled until resumed.", description = {
    "Suspend CronWorkflows (spec.suspend=true): the controller schedules nothing until they are resumed;",
    "running Workflows go on. An unknown name is exit 1."})
final class CronSuspendCommand implements Callable<Integer> {

    @ParentCommand
    private ArgoObjectGroup parent;

    @Mixin
    private ClusterOptions cluster;

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "The CronWorkflows.")
    private List<String> names = List.of();

    @Override
    public Integer call() {
        return setSuspend(parent, cluster, names, true);
    }

    /** Patches {@code spec.suspend} of each; prints Argo's {@code CronWorkflow 'x' suspended|resumed}. */
    static int setSuspend(ArgoObjectGroup parent, ClusterOptions cluster, List<String> names, boolean suspend) {
        CliIo io = parent.io();
        try (ClusterConnection connection = cluster.connect(io)) {
            ArgoObjects objects = new ArgoObjects(ArgoKind.CRON_WORKFLOW, connection);
            for (String name : names) {
                objects.require(name);
                ObjectNode patch = JsonNodeFactory.instance.objectNode();
                patch.putObject("spec").put("suspend", suspend);
                objects.mergePatch(name, patch);
                io.out().println("CronWorkflow '" + name + "' " + (suspend ? "suspended" : "resumed"));
            }
            io.out().flush();
            return ExitCodes.OK;
        }
    }
}
