package dev.skiff.engine.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code skiff list}: the workflows of a namespace, like {@code argo list}. */
@Command(name = "list", header = "List the workflows of a namespace, like 'argo list'.", description = {
    "List the workflows of a namespace, like 'argo list'.",
    "Columns NAME, STATUS, AGE, DURATION, PRIORITY, MESSAGE; running ones first, newest first.",
    "--status, --completed and --running filter on the labels the controller keeps on each workflow",
    "(workflows.argoproj.io/phase, workflows.argoproj.io/completed).",
    "Exit codes: 0 listed (also when there are none), 1 the API refused, 2 bad input."})
final class ListCommand implements Callable<Integer> {

    @ParentCommand
    private SkiffMain main;

    @Mixin
    private ClusterOptions cluster;

    @Option(names = {"-A", "--all-namespaces"}, description = "Workflows of all namespaces.")
    private boolean allNamespaces;

    @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR", description = "Only workflows with these labels (k=v,k!=v,...).")
    private String selector;

    @Option(names = "--status", paramLabel = "PHASE[,PHASE...]", split = ",",
            description = "Only workflows in these phases (Pending, Running, Succeeded, Failed, Error).")
    private List<String> statuses = List.of();

    @Option(names = "--completed", description = "Only finished workflows.")
    private boolean completed;

    @Option(names = "--running", description = "Only workflows not finished yet.")
    private boolean running;

    @Option(names = "--prefix", paramLabel = "PREFIX", description = "Only workflows whose name starts with PREFIX.")
    private String prefix;

    @Option(names = {"-o", "--output"}, paramLabel = "wide|name|json|yaml", description = "Output format.")
    private String output;

    @Option(names = "--no-headers", description = "Leave out the header line.")
    private boolean noHeaders;

    @Override
    public Integer call() {
        CliIo io = main.io();
        Optional<ObjectOutput> format = ObjectOutput.parse(output, ObjectOutput.WIDE, ObjectOutput.NAME,
                ObjectOutput.JSON, ObjectOutput.YAML);
        String labels = WorkflowSelection.labelSelector(selector, statuses, completed, running);
        try (ClusterConnection connection = cluster.connect(io)) {
            List<ObjectNode> found = new WorkflowApi(connection).list(labels, allNamespaces).stream()
                    .filter(wf -> prefix == null || WorkflowObjects.name(wf).startsWith(prefix))
                    .sorted(WorkflowTable.ORDER).toList();
            if (found.isEmpty()) {
                io.out().println(format.filter(ObjectOutput::isDocument).isPresent() ? "[]" : "No workflows found");
                return ExitCodes.OK;
            }
            if (format.isPresent() && format.get() != ObjectOutput.WIDE) {
                ObjectPrinter.printAll(io.out(), found, format.get());
                return ExitCodes.OK;
            }
            new WorkflowTable(allNamespaces, format.isPresent(), !noHeaders).lines(found, io.clock().instant())
                    .forEach(io.out()::println);
            io.out().flush();
            return ExitCodes.OK;
        }
    }
}
