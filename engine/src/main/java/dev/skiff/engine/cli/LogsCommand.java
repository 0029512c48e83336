package dev.skiff.engine.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import dev.skiff.spi.executor.StepTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
    "namespace and wherever its templates placed steps (cluster:/namespace:, as the controller",
    "recorded), each line prefixed with its pod's name, oldest first; --follow keeps printing until",
    "the workflow is done. Another cluster is reached with --config's cluster of that name, else the",
    "kubeconfig context named like it.",
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

    @Option(names = "--config", paramLabel = "FILE", description = {
        "The controller config (conf/controller.yaml) whose clusters reach the steps that ran in other clusters",
        "(default: the kubeconfig context named like the cluster)."})
    private Path config;

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
        try (ClusterConnection connection = cluster.connect(io);
             StepClusters clusters = new StepClusters(io, cluster, Optional.ofNullable(config))) {
            WorkflowApi api = new WorkflowApi(connection);
            ObjectNode wf = api.require(name);
            String workflowName = WorkflowObjects.name(wf);
            Optional<String> onlyPod = Optional.ofNullable(pod).or(() -> Optional.ofNullable(node)
                    .map(key -> NodePods.podOf(wf, key)));
            LogOptions options = new LogOptions(container, onlyPod, selector == null ? "" : selector,
                    tail == null ? OptionalLong.empty() : OptionalLong.of(tail), timestamps, pattern);
            List<PodPlace> places = new ArrayList<>();
            for (StepTarget target : targets(NodePlacement.of(wf), onlyPod)) {
                places.add(target.equals(StepTarget.LOCAL) ? PodPlace.own(connection, workflowName)
                        : PodPlace.of(target, connection, clusters, workflowName));
            }
            WorkflowLogPrinter printer = new WorkflowLogPrinter(api, io, options, places);
            if (follow) {
                printer.follow(workflowName);
            } else {
                printer.printOnce(workflowName);
            }
            return printer.failed() ? ExitCodes.FAILED : ExitCodes.OK;
        }
    }

    /**
     * Where to look for pods: the place of the one pod asked for when a node ran it; else the workflow's own
     * namespace and every place its pod nodes ran.
     */
    private static Set<StepTarget> targets(NodePlacement placement, Optional<String> onlyPod) {
        Set<StepTarget> targets = new LinkedHashSet<>();
        if (onlyPod.isPresent()) {
            for (NodeStatus n : placement.nodes().values()) {
                if (n.type() == NodeType.POD && (n.podName(placement.workflowName()).equals(onlyPod.get())
                        || n.id().equals(onlyPod.get()))) {
                    placement.target(n).ifPresent(targets::add);
                }
            }
            if (!targets.isEmpty()) {
                return targets;
            }
        }
        targets.add(StepTarget.LOCAL);
        for (NodeStatus n : placement.nodes().values()) {
            if (n.type() == NodeType.POD) {
                placement.target(n).ifPresent(targets::add);
            }
        }
        targets.addAll(placement.recorded().targets());
        return targets;
    }

    private Optional<Pattern> compile() {
        try {
            return Optional.ofNullable(grep).map(Pattern::compile);
        } catch (PatternSyntaxException e) {
            throw new UserInputException("--grep " + grep + ": not a regular expression (" + e.getDescription() + ")");
        }
    }
}
