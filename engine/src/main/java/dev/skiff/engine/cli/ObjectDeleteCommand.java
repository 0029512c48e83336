package dev.skiff.engine.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code skiff template|cluster-template|cron delete NAME...|--all}. */
@Command(name = "delete", header = "Delete them by name, or --all.", description = {
    "Delete them by name, or every one of the namespace (--all); an unknown name is exit 1."})
final class ObjectDeleteCommand implements Callable<Integer> {

    @ParentCommand
    private ArgoObjectGroup parent;

    @Mixin
    private ClusterOptions cluster;

    @Parameters(arity = "0..*", paramLabel = "NAME", description = "The names.")
    private List<String> names = List.of();

    @Option(names = "--all", description = "Every one of the namespace.")
    private boolean all;

    @Override
    public Integer call() {
        CliIo io = parent.io();
        if (names.isEmpty() && !all) {
            throw new UserInputException("give a name, or --all");
        }
        try (ClusterConnection connection = cluster.connect(io)) {
            ArgoObjects objects = new ArgoObjects(parent.kind(), connection);
            List<String> targets = new ArrayList<>(names);
            if (all) {
                objects.list("", false).forEach(o -> targets.add(WorkflowObjects.name(o)));
            }
            for (String name : targets) {
                if (!objects.delete(name)) {
                    throw new CommandFailedException(parent.kind().notFound(name));
                }
                io.out().println(parent.kind().kind() + " '" + name + "' deleted");
            }
            io.out().flush();
            return ExitCodes.OK;
        }
    }
}
