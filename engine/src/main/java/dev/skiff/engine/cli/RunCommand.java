package dev.skiff.engine.cli;

import dev.skiff.engine.core.ArtifactRepository;
import dev.skiff.engine.lint.LintProblem;
import dev.skiff.engine.lint.WorkflowLinter;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowPhase;
import dev.skiff.engine.run.WorkflowRunner;
import dev.skiff.spi.executor.StepExecutor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code skiff run FILE}: lints, then runs a workflow to completion on this machine. */
@Command(name = "run", description = {
    "Run an Argo Workflow to completion on this machine with the local executor.",
    "Each container/script step runs as a host process (command + args; a script's source is",
    "handed to its command as a file). The image is IGNORED: the command must exist on this",
    "machine (python falls back to python3). Output files named in valueFrom.path are mapped into",
    "a per-step sandbox under --work-dir (see README: path mapping).",
    "On a terminal a live tree is drawn; -o json|yaml prints only the final Workflow object",
    "(for a workflow lint refuses: Failed, \"invalid spec: ...\", as Argo records it; exit code 2).",
    "Ctrl-C stops the workflow as argo stop (exit handlers still run), a second Ctrl-C as argo terminate;",
    "Skiff exits once every step process is gone.",
    "Exit codes: 0 Succeeded, 1 Failed or Error, 2 invalid input, 130 interrupted (143 on SIGTERM)."})
final class RunCommand implements java.util.concurrent.Callable<Integer> {

    @ParentCommand
    private SkiffMain main;

    @Parameters(index = "0", paramLabel = "FILE", description = "The workflow file (YAML or JSON).")
    private Path file;

    @Option(names = {"-p", "--parameter"}, paramLabel = "NAME=VALUE",
            description = "Set a workflow parameter (spec.arguments); NAME=@FILE reads the value from a file.")
    private List<String> parameters = List.of();

    @Option(names = {"-o", "--output"}, paramLabel = "json|yaml|wide",
            description = "json or yaml: print only the final Workflow (status included) on stdout; wide: more columns.")
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

    @Override
    public Integer call() throws InterruptedException {
        CliIo io = main.io();
        Optional<OutputFormat> format = output == null ? Optional.empty() : Optional.of(OutputFormat.parse(output));
        Map<String, String> overrides = ParameterArgs.parse(parameters, io.workingDirectory());
        Workflow wf = WorkflowFiles.read(file);
        List<LintProblem> problems = WorkflowLinter.lint(wf, overrides);
        if (!problems.isEmpty()) {
            LintReport.print(io.err(), file.toString(), problems);
            if (format.isPresent() && format.get() != OutputFormat.WIDE) {
                // As Argo records a workflow it rejects, so that -o json|yaml always carries a Workflow.
                LintRefusal.document(wf, overrides, problems, io.clock().instant()).ifPresent(refused ->
                        new DocumentDisplay(io.out(), io.err(), format.get() == OutputFormat.YAML).finish(refused));
            }
            return ExitCodes.INVALID_INPUT;
        }
        RunWorkDirectory work = RunWorkDirectory.create(workDir, keep);
        Path sandboxes = work.dir();
        try (StepExecutor executor = localExecutor(sandboxes);
             RunDisplay display = RunDisplay.choose(io, format, wf, log)) {
            WorkflowRunner runner = new WorkflowRunner(executor, io.clock(),
                    ArtifactRepository.at(sandboxes.resolve("artifacts").toUri()));
            SuspendHandler suspends = new SuspendHandler(wf, display::note, io.in(), io.terminal().stdinIsTerminal(),
                    runner::resume, display::lineEchoed);
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
                logs.ifPresent(StepLogs::close);
                display.finish(done);
                WorkflowPhase phase = done.status().map(s -> s.phase()).orElse(WorkflowPhase.ERROR);
                work.finish(done, interrupts.exitCode().isPresent(), io.err());
                return interrupts.exitCode().orElse(ExitCodes.of(phase));
            }
        }
    }

    /** The local executor over the work directory; one it cannot use (a file in its way) is the user's to fix. */
    private StepExecutor localExecutor(Path sandboxes) {
        try {
            return ExecutorLookup.find("local").create(Map.of(), new CliExecutorContext(main.io().clock(), sandboxes));
        } catch (java.io.UncheckedIOException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }
}
