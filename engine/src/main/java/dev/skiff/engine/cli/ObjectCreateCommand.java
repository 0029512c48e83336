package dev.skiff.engine.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code skiff template|cluster-template|cron create FILE...}: lints the objects of the group's kind in files, then creates them. */
@Command(name = "create", header = "Create them from files (linted first).", description = {
    "Create every document of the kind in the files (others are skipped with a note), linted first as",
    "'argo template lint' / 'argo cron lint' do: what Argo rejects refuses them all (exit 2).",
    "Prints each as 'get' does (-o json|yaml|name: the object or its name)."})
final class ObjectCreateCommand implements Callable<Integer> {

    @ParentCommand
    private ArgoObjectGroup parent;

    @Mixin
    private ClusterOptions cluster;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The files (YAML or JSON).")
    private List<Path> files = List.of();

    @Option(names = {"-o", "--output"}, paramLabel = "json|yaml|name|wide", description = "Output format.")
    private String output;

    @Override
    public Integer call() {
        CliIo io = parent.io();
        Optional<ObjectOutput> format = ObjectOutput.parse(output, ObjectOutput.values());
        List<ObjectNode> documents = ArgoObjectFiles.read(files.stream().map(io.workingDirectory()::resolve).toList(),
                parent.kind(), io.err());
        try (ClusterConnection connection = cluster.connect(io)) {
            ArgoObjects objects = new ArgoObjects(parent.kind(), connection);
            for (ObjectNode document : documents) {
                ArgoObjectText.print(io, objects.create(document), format);
            }
            return ExitCodes.OK;
        }
    }
}
