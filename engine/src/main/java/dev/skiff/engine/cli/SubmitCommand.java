package dev.skiff.engine.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.lint.ExecutionProfile;
import dev.skiff.engine.lint.LintProblem;
import dev.skiff.engine.lint.WorkflowLinter;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowCodec;
import dev.skiff.engine.model.WorkflowFormatException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code skiff submit FILE}: lints a workflow and creates it in a cluster, optionally waiting for it. */
@Command(name = "submit", header = "Create a workflow in a cluster; --wait follows it as 'run'.", description = {
    "Create a workflow in a cluster (lint first); --wait follows it as 'skiff run' shows a run.",
    "--from KIND/NAME creates it from a WorkflowTemplate (workflowTemplateRef), a ClusterWorkflowTemplate",
    "or a CronWorkflow (its workflowSpec, labels and owner), as 'argo submit --from' does.",
    "A controller (skiff controller, or Argo's) runs it. Prints the new workflow's name (-o json|yaml:",
    "the object). --wait draws the live tree until the workflow is done; with -o json|yaml only the",
    "final Workflow is printed, exactly as 'skiff run -o json|yaml' prints it.",
    "The cluster is found as kubectl finds it (--kubeconfig, $KUBECONFIG, ~/.kube/config, in-cluster).",
    "Exit codes: 0 created (with --wait: Succeeded), 1 Failed or Error (--wait) or the API refused,",
    "2 invalid input (unreadable file, lint problems, bad option)."})
final class SubmitCommand implements Callable<Integer> {

    @ParentCommand
    private SkiffMain main;

    @Mixin
    private ClusterOptions cluster;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The workflow file (YAML or JSON).")
    private Path file;

    @Option(names = "--from", paramLabel = "KIND/NAME", description = "Submit from an existing resource:"
            + " workflowtemplate/NAME, clusterworkflowtemplate/NAME or cronworkflow/NAME (Argo's short names too).")
    private String from;

    @Option(names = {"-p", "--parameter"}, paramLabel = "NAME=VALUE",
            description = "Set a workflow parameter (spec.arguments); NAME=@FILE reads the value from a file.")
    private List<String> parameters = List.of();

    @Option(names = {"-o", "--output"}, paramLabel = "json|yaml|name|wide",
            description = "What to print: the object (json, yaml), its name, or (--wait) the tree with more columns.")
    private String output;

    @Option(names = {"-w", "--wait"}, description = "Wait until the workflow is done, showing its progress.")
    private boolean waitForIt;

    @Option(names = "--watch", description = "The same as --wait.")
    private boolean watch;

    @Option(names = "--log", description = "Print the logs of the workflow's pods (container main) until it is done.")
    private boolean log;

    @Option(names = "--name", paramLabel = "NAME", description = "Override metadata.name.")
    private String name;

    @Option(names = "--generate-name", paramLabel = "PREFIX", description = "Override metadata.generateName.")
    private String generateName;

    @Option(names = "--entrypoint", paramLabel = "TEMPLATE", description = "Override spec.entrypoint.")
    private String entrypoint;

    @Option(names = "--serviceaccount", paramLabel = "SA", description = "Override spec.serviceAccountName.")
    private String serviceAccount;

    @Option(names = {"-l", "--labels"}, paramLabel = "K=V[,K=V...]", description = "Add labels to the workflow.")
    private String labels;

    @Option(names = "--priority", paramLabel = "N", description = "Set spec.priority.")
    private Integer priority;

    @Option(names = "--dry-run", description = "Print the object that would be created (needs -o); create nothing.")
    private boolean dryRun;

    @Option(names = "--server-dry-run", description = "Send it with dryRun=All and print what the server would store (needs -o).")
    private boolean serverDryRun;

    @Override
    public Integer call() {
        CliIo io = main.io();
        Optional<ObjectOutput> format = ObjectOutput.parse(output, ObjectOutput.values());
        boolean following = waitForIt || watch;
        checkCombinations(format, following);
        Map<String, String> overrides = ParameterArgs.parse(parameters, io.workingDirectory());
        if (from != null) {
            if (file != null) {
                throw new UserInputException("cannot combine --from with a file argument");
            }
            SubmitFrom source = SubmitFrom.parse(from);
            try (ClusterConnection connection = cluster.connect(io)) {
                Workflow wf = withSubmitOptions(source.workflow(connection, io.clock().instant()));
                return lintAndCreate(io, wf, overrides, format, following, connection);
            }
        }
        if (file == null) {
            throw new UserInputException("give a workflow FILE, or --from KIND/NAME");
        }
        Path path = io.workingDirectory().resolve(file);
        Workflow wf = withSubmitOptions(WorkflowFiles.readOne(path, io.err()::println));
        return lintAndCreate(io, wf, overrides, format, following, null);
    }

    /** Lints, then creates in the connection's cluster ({@code null}: connect now) and follows as asked. */
    private int lintAndCreate(CliIo io, Workflow wf, Map<String, String> overrides, Optional<ObjectOutput> format,
                              boolean following, ClusterConnection open) {
        // Steps run as pods with Argo's executor: only what the controller cannot do is refused.
        List<LintProblem> problems = WorkflowLinter.lint(wf, overrides, ExecutionProfile.CLUSTER);
        if (!problems.isEmpty()) {
            LintReport.print(io.err(), file != null ? file.toString() : "--from " + from, problems);
            if (following && format.filter(ObjectOutput::isDocument).isPresent()) {
                // the same document `skiff run -o json|yaml` prints for a workflow lint refuses
                LintRefusal.document(wf, overrides, problems, io.clock().instant()).ifPresent(refused ->
                        new DocumentDisplay(io.out(), io.err(), format.get() == ObjectOutput.YAML).finish(refused));
            }
            return ExitCodes.INVALID_INPUT;
        }
        ObjectNode object = (overrides.isEmpty() ? wf : wf.withParameterOverrides(overrides)).document();
        ClusterConnection connection = open != null ? open : cluster.connect(io);
        try {
            String namespace = namespace(wf, connection.namespace());
            object.withObjectProperty("metadata").put("namespace", namespace);
            if (dryRun) {
                ObjectPrinter.print(io.out(), object, format.orElseThrow());
                return ExitCodes.OK;
            }
            WorkflowApi api = new WorkflowApi(connection.inNamespace(namespace));
            ObjectNode created = api.create(object, serverDryRun);
            String createdName = WorkflowObjects.name(created);
            if (serverDryRun || !following && !log) {
                ObjectPrinter.print(io.out(), created, format.orElse(ObjectOutput.NAME));
                return ExitCodes.OK;
            }
            if (format.orElse(null) == ObjectOutput.NAME) {
                ObjectPrinter.print(io.out(), created, ObjectOutput.NAME);
            }
            if (log) {
                ObjectNode done = new WorkflowLogPrinter(api, io, LogOptions.MAIN,
                        java.util.List.of(PodPlace.own(api.connection(), createdName))).follow(createdName);
                return ExitCodes.of(WorkflowObjects.toWorkflow(done).status().map(s -> s.phase())
                        .orElse(dev.skiff.engine.model.WorkflowPhase.ERROR));
            }
            return WorkflowFollower.follow(io, api, WorkflowObjects.toWorkflow(created), createdName,
                    format.flatMap(f -> f == ObjectOutput.NAME ? Optional.empty() : f.displayFormat()),
                    format.orElse(null) == ObjectOutput.NAME);
        } finally {
            if (open == null) {
                connection.close();
            }
        }
    }

    private void checkCombinations(Optional<ObjectOutput> format, boolean following) {
        if ((dryRun || serverDryRun) && format.isEmpty()) {
            throw new UserInputException("--" + (dryRun ? "dry-run" : "server-dry-run") + " needs an output option"
                    + " (-o json|yaml|name)");
        }
        if (dryRun && serverDryRun) {
            throw new UserInputException("--dry-run cannot be combined with --server-dry-run");
        }
        if ((dryRun || serverDryRun) && (following || log)) {
            throw new UserInputException("--wait, --watch and --log cannot be combined with a dry run");
        }
        if (log && format.filter(ObjectOutput::isDocument).isPresent()) {
            throw new UserInputException("--log cannot be combined with -o json|yaml (stdout carries the logs)");
        }
    }

    /** The namespace to create in: the file's, unless -n names another (refused), else the context's. */
    private String namespace(Workflow wf, String fromContext) {
        String inFile = wf.namespace();
        Optional<String> flag = cluster.namespaceFlag();
        if (!inFile.isEmpty() && flag.isPresent() && !flag.get().equals(inFile)) {
            throw new UserInputException((file != null ? file : "--from " + from) + ": metadata.namespace is " + inFile + " but -n says " + flag.get()
                    + "; remove one of them");
        }
        return inFile.isEmpty() ? fromContext : inFile;
    }

    /** {@code --name}, {@code --entrypoint}, ... applied as {@code argo submit} applies them. */
    private Workflow withSubmitOptions(Workflow wf) {
        if (name == null && generateName == null && entrypoint == null && serviceAccount == null && labels == null
                && priority == null) {
            return wf;
        }
        ObjectNode doc = wf.document();
        ObjectNode metadata = doc.withObjectProperty("metadata");
        ObjectNode spec = doc.withObjectProperty("spec");
        if (entrypoint != null) {
            spec.put("entrypoint", entrypoint);
        }
        if (serviceAccount != null) {
            spec.put("serviceAccountName", serviceAccount);
        }
        if (priority != null) {
            spec.put("priority", priority);
        }
        if (labels != null) {
            ObjectNode labelNode = metadata.withObjectProperty("labels");
            parseLabels(labels).forEach(labelNode::put);
        }
        if (generateName != null) {
            metadata.put("generateName", generateName);
        }
        if (name != null) {
            metadata.put("name", name);
        }
        try {
            return WorkflowCodec.read(doc.toString(), wf.sourceName());
        } catch (WorkflowFormatException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    static Map<String, String> parseLabels(String text) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new UserInputException("-l " + text + ": expected labels of the form NAME1=VALUE1,NAME2=VALUE2");
            }
            parsed.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return parsed;
    }
}
