package dev.skiff.engine.cli;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code skiff delete NAME...}: delete workflows; their pods and task results go with them. */
@Command(name = "delete", header = "Delete workflows; their pods and task results go with them.", description = {
    "Delete workflows; their pods and task results go with them.",
    "As 'argo delete': pods and task results are owned by the workflow and removed by Kubernetes'",
    "garbage collector. --all, --completed, --status and -l select workflows of the namespace by the",
    "labels the controller keeps.",
    "Exit codes: 0 done (an unknown name is reported and skipped), 1 the API refused, 2 bad input."})
final class DeleteCommand implements Callable<Integer> {

    @ParentCommand
    private SkiffMain main;

    @Mixin
    private ClusterOptions cluster;

    @Parameters(arity = "0..*", paramLabel = "NAME", description = "The workflows (@latest: the newest).")
    private List<String> names = List.of();

    @Option(names = "--all", description = "Every workflow of the namespace.")
    private boolean all;

    @Option(names = "--completed", description = "Every finished workflow of the namespace.")
    private boolean completed;

    @Option(names = "--status", paramLabel = "PHASE[,PHASE...]", split = ",",
            description = "Every workflow in these phases.")
    private List<String> statuses = List.of();

    @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR", description = "Every workflow with these labels.")
    private String selector;

    @Option(names = "--prefix", paramLabel = "PREFIX", description = "Only workflows whose name starts with PREFIX.")
    private String prefix;

    @Option(names = "--dry-run", description = "Only print what would be deleted.")
    private boolean dryRun;

    @Override
    public Integer call() {
        CliIo io = main.io();
        boolean filtered = all || completed || !statuses.isEmpty() || selector != null || prefix != null;
        if (names.isEmpty() && !filtered) {
            throw new UserInputException("give a workflow name, or --all, --completed, --status, -l or --prefix");
        }
        String labels = WorkflowSelection.labelSelector(selector, statuses, completed, false);
        try (ClusterConnection connection = cluster.connect(io)) {
            WorkflowApi api = new WorkflowApi(connection);
            Set<String> targets = new LinkedHashSet<>();
            for (String name : names) {
                targets.add(WorkflowApi.LATEST.equals(name) ? WorkflowObjects.name(api.require(name)) : name);
            }
            if (filtered) {
                api.list(labels, false).stream().sorted(WorkflowTable.ORDER).map(WorkflowObjects::name)
                        .filter(n -> prefix == null || n.startsWith(prefix)).forEach(targets::add);
            }
            if (targets.isEmpty()) {
                io.out().println("No resources found");
                return ExitCodes.OK;
            }
            for (String name : targets) {
                if (dryRun) {
                    io.out().println("Workflow '" + name + "' deleted (dry-run)");
                } else if (api.delete(name)) {
                    io.out().println("Workflow '" + name + "' deleted");
                } else {
                    io.out().println("Workflow '" + name + "' not found");
                }
            }
            io.out().flush();
            return ExitCodes.OK;
        }
    }
}
