package dev.skiff.engine.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code skiff logs NAME}: the output of a workflow's steps, like {@code argo logs}. */
@Command(name = "logs", header = "Print the output of a workflow's steps, like 'argo logs'.", description = {
    "Print the output of a workflow's steps (their pods' logs), like 'argo logs'.",
    "Container main of each pod labelled workflows.argoproj.io/workflow=NAME in the workflow's",
    "namespace, each line prefixed with its pod's name, oldest first; --follow keeps printing until",
    "the workflow is done.",
    "Exit codes: 0 printed, 1 the workflow is unknown or some pod's log could not be read, 2 bad input."})
final class LogsCommand implements Callable<Integer> {

    @ParentCommand
    private SkiffMain main;

    @Mixin
    private ClusterOptions cluster;

    @Parameters(index = "0", paramLabel = "NAME", description = "The workflow (@latest: the newest).")
    private String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "POD", description = "Only this pod of the workflow.")
    private String pod;

    @Option(names = "--node", paramLabel = "NODE", description = "Only the pod of this node (id, name or display name).")
    private String node;

    @Option(names = {"-c", "--container"}, paramLabel = "NAME", defaultValue = "main",
            description = "The container (default: ${DEFAULT-VALUE}; init and wait are Argo's executor).")
    private String container;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until the workflow is done.")
    private boolean follow;

    @Option(names = "--tail", paramLabel = "N", description = "Only the last N lines of each pod.")
    private Long tail;

    @Option(names = "--timestamps", description = "Keep the server's timestamp in front of each line.")
    private boolean timestamps;

    @Option(names = "--grep", paramLabel = "REGEX", description = "Only lines matching this regular expression.")
    private String grep;

    @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR", description = "Only pods with these labels too.")
    private String selector;

    @Override
    public Integer call() {
        CliIo io = main.io();
        if (pod != null && node != null) {
            throw new UserInputException("give a POD or --node, not both");
        }
        if (tail != null && tail < 0) {
            throw new UserInputException("--tail " + tail + ": expected 0 or more lines");
        }
        Optional<Pattern> pattern = compile();
        try (ClusterConnection connection = cluster.connect(io)) {
            WorkflowApi api = new WorkflowApi(connection);
            ObjectNode wf = api.require(name);
            String workflowName = WorkflowObjects.name(wf);
            Optional<String> onlyPod = Optional.ofNullable(pod).or(() -> Optional.ofNullable(node)
                    .map(key -> NodePods.podOf(wf, key)));
            LogOptions options = new LogOptions(container, onlyPod, selector == null ? "" : selector,
                    tail == null ? OptionalLong.empty() : OptionalLong.of(tail), timestamps, pattern);
            WorkflowLogPrinter printer = new WorkflowLogPrinter(api, io, options);
            if (follow) {
                printer.follow(workflowName);
            } else {
                printer.printOnce(workflowName);
            }
            return printer.failed() ? ExitCodes.FAILED : ExitCodes.OK;
        }
    }

    private Optional<Pattern> compile() {
        try {
            return Optional.ofNullable(grep).map(Pattern::compile);
        } catch (PatternSyntaxException e) {
            throw new UserInputException("--grep " + grep + ": not a regular expression (" + e.getDescription() + ")");
        }
    }
}
