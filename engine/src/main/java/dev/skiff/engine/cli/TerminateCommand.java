package dev.skiff.engine.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code skiff terminate NAME...}: stop workflows at once, without exit handlers (Argo's {@code Terminate}). */
@Command(name = "terminate", header = "Terminate workflows at once, without exit handlers.", description = {
    "Terminate workflows at once, without exit handlers (spec.shutdown=Terminate).",
    "As 'argo terminate': the controller then stops the running pods.",
    "Exit codes: 0 done, 1 not found, already completed, or the API refused, 2 bad input."})
final class TerminateCommand implements Callable<Integer> {

    @ParentCommand
    private SkiffMain main;

    @Mixin
    private ClusterOptions cluster;

    @Parameters(arity = "0..*", paramLabel = "NAME", description = "The workflows (@latest: the newest).")
    private List<String> names = List.of();

    @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR", description = "Also every workflow with these labels.")
    private String selector;

    @Option(names = "--dry-run", description = "Only print what would be terminated.")
    private boolean dryRun;

    @Override
    public Integer call() {
        try (ClusterConnection connection = cluster.connect(main.io())) {
            return ShutdownAction.run(main.io(), new WorkflowApi(connection), names, selector, dryRun, "Terminate",
                    "terminated");
        }
    }
}
