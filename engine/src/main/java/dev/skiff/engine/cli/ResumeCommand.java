package dev.skiff.engine.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code skiff resume NAME...}: continue suspended workflows and suspend steps. */
@Command(name = "resume", header = "Resume suspended workflows and their waiting suspend steps.", description = {
    "Resume suspended workflows and their waiting suspend steps.",
    "As 'argo resume': removes spec.suspend and marks every running suspend node Succeeded (output",
    "parameters still waiting for a value take their default). With --node-field-selector only the",
    "matching suspend nodes are resumed.",
    "Exit codes: 0 done, 1 not found or the API refused, 2 bad input."})
final class ResumeCommand implements Callable<Integer> {

    @ParentCommand
    private SkiffMain main;

    @Mixin
    private ClusterOptions cluster;

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "The workflows (@latest: the newest).")
    private List<String> names = List.of();

    @Option(names = "--node-field-selector", paramLabel = "SELECTOR",
            description = "Resume only the running suspend nodes matching it (e.g. displayName=approve).")
    private String nodeFieldSelector;

    @Override
    public Integer call() {
        CliIo io = main.io();
        Optional<NodeFieldSelector> nodes = Optional.ofNullable(nodeFieldSelector).filter(s -> !s.isBlank())
                .map(NodeFieldSelector::parse);
        try (ClusterConnection connection = cluster.connect(io)) {
            WorkflowApi api = new WorkflowApi(connection);
            for (String name : WorkflowTargets.names(api, names, null)) {
                try {
                    WorkflowTargets.patch(api, name, wf -> nodes.isPresent()
                            ? Optional.of(SuspendNodes.selectedPatch(wf, nodes.get(), "Succeeded", "",
                                    io.clock().instant()))
                            : SuspendNodes.resumePatch(wf, io.clock().instant()));
                } catch (CommandFailedException e) {
                    throw new CommandFailedException("failed to resume " + name + ": " + e.getMessage(), e);
                }
                io.out().println("workflow " + name + " resumed");
            }
            io.out().flush();
            return ExitCodes.OK;
        }
    }
}
