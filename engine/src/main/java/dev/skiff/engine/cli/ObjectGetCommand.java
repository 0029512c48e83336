package dev.skiff.engine.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code skiff template|cluster-template|cron get NAME...}: the objects as Argo's CLI shows them, or -o. */
@Command(name = "get", header = "Show them by name, as Argo's CLI does (or -o json|yaml).", description = {
    "Show them by name as 'argo template get' / 'argo cron get' do (a CronWorkflow: schedules, last and",
    "next run, active workflows, conditions); -o json|yaml: the object; unknown name: exit 1."})
final class ObjectGetCommand implements Callable<Integer> {

    @ParentCommand
    private ArgoObjectGroup parent;

    @Mixin
    private ClusterOptions cluster;

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "The names.")
    private List<String> names = List.of();

    @Option(names = {"-o", "--output"}, paramLabel = "json|yaml|name|wide", description = "Output format.")
    private String output;

    @Override
    public Integer call() {
        CliIo io = parent.io();
        Optional<ObjectOutput> format = ObjectOutput.parse(output, ObjectOutput.values());
        try (ClusterConnection connection = cluster.connect(io)) {
            ArgoObjects objects = new ArgoObjects(parent.kind(), connection);
            for (String name : names) {
                ArgoObjectText.print(io, objects.require(name), format);
            }
            return ExitCodes.OK;
        }
    }
}
