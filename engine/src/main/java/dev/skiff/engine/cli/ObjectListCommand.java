package dev.skiff.engine.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code skiff template|cluster-template|cron list}: as {@code argo template list} / {@code argo cron list}. */
@Command(name = "list", header = "List them (-A: of every namespace).", description = {
    "List them as Argo's CLI does: templates by NAME; CronWorkflows with NAME, AGE, LAST RUN, NEXT RUN,",
    "SCHEDULES, TIMEZONE, SUSPENDED. -A: of every namespace, with a NAMESPACE column."})
final class ObjectListCommand implements Callable<Integer> {

    @ParentCommand
    private ArgoObjectGroup parent;

    @Mixin
    private ClusterOptions cluster;

    @Option(names = {"-A", "--all-namespaces"}, description = "Of all namespaces.")
    private boolean allNamespaces;

    @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR", description = "Only these labels (k=v,k!=v,...).")
    private String selector;

    @Option(names = {"-o", "--output"}, paramLabel = "wide|name|json|yaml", description = "Output format.")
    private String output;

    @Override
    public Integer call() {
        CliIo io = parent.io();
        Optional<ObjectOutput> format = ObjectOutput.parse(output, ObjectOutput.values());
        try (ClusterConnection connection = cluster.connect(io)) {
            ArgoObjects objects = new ArgoObjects(parent.kind(), connection);
            boolean all = allNamespaces && parent.kind().namespaced();
            List<ObjectNode> found = objects.list(selector, all);
            if (format.isPresent() && format.get() != ObjectOutput.WIDE) {
                ObjectPrinter.printAll(io.out(), found, format.get());
                return ExitCodes.OK;
            }
            List<List<String>> rows = new java.util.ArrayList<>();
            boolean cron = parent.kind() == ArgoKind.CRON_WORKFLOW;
            List<String> header = new java.util.ArrayList<>(all ? List.of("NAMESPACE") : List.of());
            header.addAll(cron ? List.of("NAME", "AGE", "LAST RUN", "NEXT RUN", "SCHEDULES", "TIMEZONE", "SUSPENDED")
                    : List.of("NAME"));
            rows.add(header);
            for (ObjectNode o : found) {
                rows.add(cron ? ArgoObjectText.cronRow(o, io.clock().instant(), all)
                        : all ? List.of(WorkflowObjects.namespace(o), WorkflowObjects.name(o))
                        : List.of(WorkflowObjects.name(o)));
            }
            ArgoObjectText.table(rows).forEach(io.out()::println);
            io.out().flush();
            return ExitCodes.OK;
        }
    }
}
