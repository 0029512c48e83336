package dev.skiff.engine.cli;

import dev.skiff.engine.core.ArtifactRepository;
import dev.skiff.engine.core.ReconcileLimits;
import dev.skiff.engine.lint.ExecutionProfile;
import dev.skiff.engine.lint.LintProblem;
import dev.skiff.engine.lint.WorkflowLinter;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowPhase;
import dev.skiff.engine.run.WorkflowRunner;
import dev.skiff.spi.executor.StepExecutor;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code skiff run FILE}: lints, then runs a workflow to completion on this machine. */
@Command(name = "run", sortOptions = false,
        header = "Run a workflow to completion on this machine.",
        description = {
            "Runs the Argo Workflow in FILE with the local executor: each container or script step is a process on"
                + " this machine (command + args; a script's source is handed to its command as a file). The image is"
                + " IGNORED, so the command must exist here (python falls back to python3). Output files named in"
                + " valueFrom.path are mapped into a per-step sandbox under --work-dir (see the README: path"
                + " mapping).",
            "The workflow is linted first (as skiff lint does); features the local runner does not support are"
                + " refused (exit code 2) rather than run differently. A file may hold other documents but only one"
                + " Workflow; its WorkflowTemplates and ClusterWorkflowTemplates, and those under --templates DIR,"
                + " serve templateRef and workflowTemplateRef (namespaces are ignored locally unless the Workflow"
                + " and the template both name one). A file without a Workflow but with one WorkflowTemplate runs"
                + " it as argo submit --from workflowtemplate/NAME does.",
            "On a terminal a live tree is drawn. -o json|yaml prints only the final Workflow object (for a workflow"
                + " lint refuses: Failed, \"invalid spec: ...\", as Argo records it).",
            "Ctrl-C stops the workflow as argo stop (exit handlers still run), a second Ctrl-C as argo terminate;"
                + " Skiff exits once every step process is gone.",
            "Exit codes: 0 Succeeded, 1 Failed or Error, 2 invalid input, 130 interrupted (143 on SIGTERM)."})
final class RunCommand implements java.util.concurrent.Callable<Integer> {

    @ParentCommand
    private SkiffMain main;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "The workflow file (YAML or JSON); may be left out with --from.")
    private Path file;

    @Option(names = "--templates", paramLabel = "DIR",
            description = "A directory whose YAML and JSON files (recursively) hold WorkflowTemplates and"
                    + " ClusterWorkflowTemplates for templateRef and workflowTemplateRef (repeatable).")
    private List<Path> templateDirs = List.of();

    @Option(names = "--from", paramLabel = "KIND/NAME",
            description = "Run a WorkflowTemplate (workflowtemplate/NAME) or ClusterWorkflowTemplate"
                    + " (clusterworkflowtemplate/NAME) of FILE or --templates, as argo submit --from does.")
    private String from;

    @Option(names = {"-p", "--parameter"}, paramLabel = "NAME=VALUE",
            description = "Set a workflow parameter (spec.arguments). NAME=@FILE takes the file's text without its"
                    + " trailing newlines, like NAME=\"$(cat FILE)\".")
    private List<String> parameters = List.of();

    @Option(names = {"-f", "--parameter-file"}, paramLabel = "FILE",
            description = "Set workflow parameters from a YAML or JSON mapping of names to values (as argo submit"
                    + " --parameter-file); -p wins over it.")
    private Path parameterFile;

    @Option(names = {"-o", "--output"}, paramLabel = "json|yaml|wide",
            description = "json or yaml: print only the final Workflow (status included) on stdout; wide: more"
                    + " columns.")
    private String output;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Where step sandboxes (files, stdout.log, stderr.log) go; default: a new temporary directory,"
                    + " removed when the workflow succeeded.")
    private Path workDir;

    @Option(names = "--keep", description = "Keep the temporary work directory even when the workflow succeeded.")
    private boolean keep;

    @Option(names = "--log", description = "Print the steps' output as it comes, each line prefixed with its pod name"
            + " (on stderr under -o json|yaml).")
    private boolean log;

    @Option(names = "--max-loop-items", paramLabel = "N",
            description = "The most items one withItems/withParam/withSequence loop may have (default:"
                    + " ${DEFAULT-VALUE}); a larger loop errors its node.")
    private int maxLoopItems = ReconcileLimits.DEFAULT_MAX_LOOP_ITEMS;

    @Option(names = "--no-auto-resume",
            description = "Without a terminal on stdin, stop the workflow at a suspend that waits for argo resume"
                    + " (an approval) instead of resuming it at once.")
    private boolean noAutoResume;

    @Option(names = "--artifact-repository", paramLabel = "FILE",
            description = "Store artifacts in an S3-compatible bucket instead of the work directory: Argo's artifact"
                    + " repository (s3: {bucket, endpoint, insecure, region, keyFormat, accessKeySecret, ...}), or an"
                    + " artifact-repositories ConfigMap. Keys are Argo's (keyFormat, keyPrefix).")
    private Path artifactRepository;

    @Option(names = "--secret", paramLabel = "FILE",
            description = "Kubernetes Secret manifests whose keys stand in for the Secrets that the artifact"
                    + " repository and artifacts name (accessKeySecret, ...); repeatable. Without secrets, S3 uses the"
                    + " AWS SDK's default credentials (environment, profile, ...).")
    private List<Path> secretFiles = List.of();

    @Override
    public Integer call() throws InterruptedException {
        CliIo io = main.io();
        Optional<OutputFormat> format = output == null ? Optional.empty() : Optional.of(OutputFormat.parse(output));
        Map<String, String> overrides = ParameterArgs.parse(parameters, parameterFile, io.workingDirectory());
        ReconcileLimits limits = limits(maxLoopItems);
        RunInput input = RunInput.read(file, templateDirs, from, io.err()::println);
        Workflow wf = input.workflow();
        RunArtifacts artifacts = RunArtifacts.open(io, wf, artifactRepository, secretFiles);
        List<LintProblem> problems = WorkflowLinter.lint(wf, overrides, ExecutionProfile.LOCAL, limits,
                Optional.of(input.templates()), artifacts.lintSetup());
        if (!problems.isEmpty()) {
            LintReport.print(io.err(), file == null ? "--from " + from : file.toString(), problems);
            if (format.isPresent() && format.get() != OutputFormat.WIDE) {
                // As Argo records a workflow it rejects, so that -o json|yaml always carries a Workflow.
                LintRefusal.document(wf, overrides, problems, io.clock().instant()).ifPresent(refused ->
                        new DocumentDisplay(io.out(), io.err(), format.get() == OutputFormat.YAML).finish(refused));
            }
            return ExitCodes.INVALID_INPUT;
        }
        RunWorkDirectory work = RunWorkDirectory.create(workDir, keep);
        Path sandboxes = work.dir();
        try (artifacts;
             StepExecutor executor = localExecutor(sandboxes, artifacts);
             RunDisplay display = RunDisplay.choose(io, format, wf, log)) {
            ArtifactRepository repository = artifacts.repository(sandboxes.resolve("artifacts").toUri());
            WorkflowRunner runner = new WorkflowRunner(executor, io.clock(), new SecureRandom(), repository, limits,
                    input.templates());
            SuspendHandler suspends = new SuspendHandler(wf, display::note, io.in(), io.terminal().stdinIsTerminal(),
                    runner::resume, !noAutoResume, runner::stop, display::lineEchoed);
            boolean document = format.isPresent() && format.get() != OutputFormat.WIDE;
            Optional<StepLogs> logs = log ? Optional.of(StepLogs.follow(sandboxes, document ? io.err() : io.out()))
                    : Optional.empty();
            try (RunInterrupts interrupts = RunInterrupts.install(runner, executor, display::note)) {
                Workflow done = runner.run(wf, overrides, status -> {
                    display.update(status);
                    suspends.onStatus(status);
                    logs.ifPresent(l -> l.update(status));
                });
                // Nothing is reported before every step process is gone (a step may take its grace period).
                executor.close();
                done = artifacts.collectGarbage(done, repository, io.err());
                logs.ifPresent(StepLogs::close);
                display.finish(done);
                WorkflowPhase phase = done.status().map(s -> s.phase()).orElse(WorkflowPhase.ERROR);
                work.finish(done, interrupts.exitCode().isPresent(), io.err());
                return interrupts.exitCode().orElse(ExitCodes.of(phase));
            }
        }
    }

    /** The reconciler's limits from {@code --max-loop-items}. */
    static ReconcileLimits limits(int maxLoopItems) {
        if (maxLoopItems < 1) {
            throw new UserInputException("--max-loop-items " + maxLoopItems + ": must be at least 1");
        }
        return new ReconcileLimits(maxLoopItems);
    }

    /** The local executor over the work directory; one it cannot use (a file in its way) is the user's to fix. */
    private StepExecutor localExecutor(Path sandboxes, RunArtifacts artifacts) {
        try {
            return ExecutorLookup.find("local").create(Map.of(), new CliExecutorContext(main.io().clock(), sandboxes,
                    artifacts.stores()));
        } catch (java.io.UncheckedIOException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }
}
