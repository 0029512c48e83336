package dev.skiff.engine.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code skiff get NAME}: a workflow's summary and node tree, like {@code argo get}. */
@Command(name = "get", header = "Show a workflow: summary and node tree, or -o json|yaml.", description = {
    "Show a workflow of a cluster: its summary and node tree, or the object (-o json|yaml).",
    "The tree is the one 'skiff run' prints; -o wide adds EXIT, OUTPUTS and, for pod nodes, the",
    "CLUSTER and NAMESPACE the pod ran in ('-': the workflow's own); -o json|yaml prints the object",
    "as stored, without managedFields.",
    "Exit codes: 0 shown (whatever the workflow's phase), 1 not found or the API refused, 2 bad input."})
final class GetCommand implements Callable<Integer> {

    @ParentCommand
    private SkiffMain main;

    @Mixin
    private ClusterOptions cluster;

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "The workflow(s) (@latest: the newest).")
    private List<String> names = List.of();

    @Option(names = {"-o", "--output"}, paramLabel = "json|yaml|wide|name", description = "Output format.")
    private String output;

    @Override
    public Integer call() {
        CliIo io = main.io();
        Optional<ObjectOutput> format = ObjectOutput.parse(output, ObjectOutput.JSON, ObjectOutput.YAML,
                ObjectOutput.WIDE, ObjectOutput.NAME);
        try (ClusterConnection connection = cluster.connect(io)) {
            WorkflowApi api = new WorkflowApi(connection);
            for (int i = 0; i < names.size(); i++) {
                ObjectNode wf = api.require(names.get(i));
                if (format.isPresent() && format.get() != ObjectOutput.WIDE) {
                    ObjectPrinter.print(io.out(), wf, format.get());
                    continue;
                }
                if (i > 0) {
                    io.out().println();
                }
                report(wf, format.isPresent(), io).forEach(io.out()::println);
            }
            io.out().flush();
            return ExitCodes.OK;
        }
    }

    /** The summary (with Argo's status words) and the node tree, as {@code skiff run} ends with them. */
    static List<String> report(ObjectNode object, boolean wide, CliIo io) {
        Workflow wf = WorkflowObjects.toWorkflow(object);
        WorkflowStatus status = WorkflowObjects.statusOrPending(wf);
        Instant now = io.clock().instant();
        String name = NodeTree.root(status).map(NodeStatus::name).orElse(wf.name());
        List<String> lines = new ArrayList<>(StatusSummary.lines(wf, name, status, WorkflowStatusText.of(CompressedNodes.expanded(object)), now,
                ZoneId.systemDefault()));
        NodePlacement placement = NodePlacement.of(object);
        List<String> tree = new TreeTable(wide, io.terminal().stdoutIsTerminal(), io.terminal().columns())
                .lines(name, status, now, Optional.of(placement::cells));
        if (!tree.isEmpty()) {
            lines.add("");
            lines.addAll(tree);
        }
        return lines;
    }
}
