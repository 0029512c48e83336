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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
                + " refused (exit code 2) rather than run differently. A file may hold other documents (they are"
                + " skipped) but only one Workflow.",
            "On a terminal a live tree is drawn. -o json|yaml prints only the final Workflow object (for a workflow"
                + " lint refuses: Failed, \"invalid spec: ...\", as Argo records it).",
            "Exit codes: 0 Succeeded, 1 Failed or Error, 2 invalid input, 130 interrupted."})
final class RunCommand implements java.util.concurrent.Callable<Integer> {

    private static final System.Logger LOG = System.getLogger(RunCommand.class.getName());

    @ParentCommand
    private SkiffMain main;

    @Parameters(index = "0", paramLabel = "FILE", description = "The workflow file (YAML or JSON).")
    private Path file;

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
            description = "Where step sandboxes (files, stdout.log, stderr.log) go; default: a new temporary"
                    + " directory.")
    private Path workDir;

    @Option(names = "--max-loop-items", paramLabel = "N",
            description = "The most items one withItems/withParam/withSequence loop may have (default:"
                    + " ${DEFAULT-VALUE}); a larger loop errors its node.")
    private int maxLoopItems = ReconcileLimits.DEFAULT_MAX_LOOP_ITEMS;

    @Option(names = "--no-auto-resume",
            description = "Without a terminal on stdin, stop the workflow at a suspend that waits for argo resume"
                    + " (an approval) instead of resuming it at once.")
    private boolean noAutoResume;

    @Override
    public Integer call() throws InterruptedException {
        CliIo io = main.io();
        Optional<OutputFormat> format = output == null ? Optional.empty() : Optional.of(OutputFormat.parse(output));
        Map<String, String> overrides = ParameterArgs.parse(parameters, parameterFile, io.workingDirectory());
        ReconcileLimits limits = limits(maxLoopItems);
        Workflow wf = WorkflowFiles.readOne(file, io.err()::println);
        List<LintProblem> problems = WorkflowLinter.lint(wf, overrides, ExecutionProfile.LOCAL, limits);
        if (!problems.isEmpty()) {
            LintReport.print(io.err(), file.toString(), problems);
            if (format.isPresent() && format.get() != OutputFormat.WIDE) {
                // As Argo records a workflow it rejects, so that -o json|yaml always carries a Workflow.
                LintRefusal.document(wf, overrides, problems, io.clock().instant()).ifPresent(refused ->
                        new DocumentDisplay(io.out(), io.err(), format.get() == OutputFormat.YAML).finish(refused));
            }
            return ExitCodes.INVALID_INPUT;
        }
        Path sandboxes = workDirectory();
        try (StepExecutor executor = ExecutorLookup.find("local").create(Map.of(),
                new CliExecutorContext(io.clock(), sandboxes));
             RunDisplay display = display(format, wf)) {
            WorkflowRunner runner = new WorkflowRunner(executor, io.clock(), new SecureRandom(),
                    ArtifactRepository.at(sandboxes.resolve("artifacts").toUri()), limits);
            SuspendHandler suspends = new SuspendHandler(wf, display::note, io.in(), io.terminal().stdinIsTerminal(),
                    runner::resume, !noAutoResume, runner::stop, display::lineEchoed);
            CountDownLatch finished = new CountDownLatch(1);
            Thread onCtrlC = new Thread(() -> stopOnInterrupt(runner, executor, finished), "skiff-ctrl-c");
            Runtime.getRuntime().addShutdownHook(onCtrlC);
            try {
                Workflow done = runner.run(wf, overrides, status -> {
                    display.update(status);
                    suspends.onStatus(status);
                });
                display.finish(done);
                WorkflowPhase phase = done.status().map(s -> s.phase()).orElse(WorkflowPhase.ERROR);
                if (format.isEmpty() || format.get() == OutputFormat.WIDE) {
                    io.err().println("step files and logs: " + sandboxes);
                }
                return ExitCodes.of(phase);
            } finally {
                // Counted down only once the final output is printed: on Ctrl-C the JVM waits for it.
                finished.countDown();
                removeHook(onCtrlC);
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

    private RunDisplay display(Optional<OutputFormat> format, Workflow wf) {
        CliIo io = main.io();
        if (format.isPresent() && format.get() != OutputFormat.WIDE) {
            return new DocumentDisplay(io.out(), io.err(), format.get() == OutputFormat.YAML);
        }
        boolean wide = format.isPresent();
        if (io.terminal().stdoutIsTerminal()) {
            return new LiveTreeDisplay(io.out(), io.clock(), wf, wide, io.terminal().columns());
        }
        return new ProgressLineDisplay(io.out(), io.err(), io.clock(), wide);
    }

    private Path workDirectory() {
        try {
            if (workDir != null) {
                return Files.createDirectories(workDir).toAbsolutePath();
            }
            return Files.createTempDirectory("skiff-run-");
        } catch (IOException e) {
            throw new UserInputException("--work-dir " + (workDir == null ? "(temporary)" : workDir)
                    + ": cannot create the directory (" + e.getMessage() + ")", e);
        }
    }

    /** Ctrl-C: stop the run (which stops its steps), give it a moment to finish, kill what is left. */
    private static void stopOnInterrupt(WorkflowRunner runner, StepExecutor executor, CountDownLatch finished) {
        if (finished.getCount() == 0) {
            return;
        }
        try {
            runner.stop("Stopped by user (interrupted)");
            finished.await(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "stopping the run on Ctrl-C failed", e);
        } finally {
            executor.close();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down (Ctrl-C): the hook runs.
        }
    }
}
