package dev.skiff.engine.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code skiff watch NAME}: a workflow's live tree until it is done, like {@code argo watch}. */
@Command(name = "watch", header = "Follow a workflow of a cluster until it is done.", description = {
    "Follow a workflow of a cluster until it is done, drawing its live tree.",
    "As 'skiff run' shows a run: a live tree on a terminal, else progress lines on stderr and the",
    "final tree on stdout; -o json|yaml prints only the final Workflow. Changes arrive through a",
    "watch on the API server (no polling).",
    "Exit codes: 0 Succeeded, 1 Failed or Error (or not found, deleted, the API refused), 2 bad input."})
final class WatchCommand implements Callable<Integer> {

    @ParentCommand
    private SkiffMain main;

    @Mixin
    private ClusterOptions cluster;

    @Parameters(index = "0", paramLabel = "NAME", description = "The workflow (@latest: the newest).")
    private String name;

    @Option(names = {"-o", "--output"}, paramLabel = "json|yaml|wide", description = "Output format.")
    private String output;

    @Override
    public Integer call() {
        CliIo io = main.io();
        Optional<ObjectOutput> format = ObjectOutput.parse(output, ObjectOutput.JSON, ObjectOutput.YAML,
                ObjectOutput.WIDE);
        try (ClusterConnection connection = cluster.connect(io)) {
            WorkflowApi api = new WorkflowApi(connection);
            var first = api.require(name);
            return WorkflowFollower.follow(io, api, WorkflowObjects.toWorkflow(first), WorkflowObjects.name(first),
                    format.flatMap(ObjectOutput::displayFormat), false);
        }
    }
}
