package dev.skiff.engine.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code skiff stop NAME...}: stop workflows, letting their exit handlers run (Argo's {@code Stop}). */
@Command(name = "stop", header = "Stop workflows; exit handlers still run (shutdown: Stop).", description = {
    "Stop workflows, letting their exit handlers run (spec.shutdown=Stop).",
    "As 'argo stop': the controller then stops the running pods. With --node-field-selector, only",
    "the matching running suspend nodes are failed instead.",
    "Exit codes: 0 done, 1 not found, already completed, or the API refused, 2 bad input."})
final class StopCommand implements Callable<Integer> {

    @ParentCommand
    private SkiffMain main;

    @Mixin
    private ClusterOptions cluster;

    @Parameters(arity = "0..*", paramLabel = "NAME", description = "The workflows (@latest: the newest).")
    private List<String> names = List.of();

    @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR", description = "Also every workflow with these labels.")
    private String selector;

    @Option(names = "--node-field-selector", paramLabel = "SELECTOR",
            description = "Fail only the running suspend nodes matching it (e.g. displayName=approve).")
    private String nodeFieldSelector;

    @Option(names = "--message", paramLabel = "TEXT", description = "The message for nodes failed by --node-field-selector.")
    private String message;

    @Option(names = "--dry-run", description = "Only print what would be stopped.")
    private boolean dryRun;

    @Override
    public Integer call() {
        CliIo io = main.io();
        Optional<NodeFieldSelector> nodes = Optional.ofNullable(nodeFieldSelector).filter(s -> !s.isBlank())
                .map(NodeFieldSelector::parse);
        try (ClusterConnection connection = cluster.connect(io)) {
            WorkflowApi api = new WorkflowApi(connection);
            if (nodes.isEmpty()) {
                return ShutdownAction.run(io, api, names, selector, dryRun, "Stop", "stopped");
            }
            for (String name : WorkflowTargets.names(api, names, selector)) {
                if (!dryRun) {
                    WorkflowTargets.patch(api, name, wf -> Optional.of(SuspendNodes.selectedPatch(wf, nodes.get(),
                            "Failed", message == null ? "" : message, io.clock().instant())));
                }
                io.out().println("workflow " + name + " stopped" + (dryRun ? " (dry-run)" : ""));
            }
            io.out().flush();
            return ExitCodes.OK;
        }
    }
}
