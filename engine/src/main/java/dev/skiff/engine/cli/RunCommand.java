package dev.skiff.engine.cli;

import dev.skiff.engine.core.ArtifactRepository;
import dev.skiff.engine.lint.LintProblem;
import dev.skiff.engine.lint.WorkflowLinter;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowPhase;
import dev.skiff.engine.run.WorkflowRunner;
import dev.skiff.spi.executor.StepExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
@Command(name = "run", description = {
    "Run an Argo Workflow to completion on this machine with the local executor.",
    "Each container/script step runs as a host process (command + args; a script's source is",
    "handed to its command as a file). The image is IGNORED: the command must exist on this",
    "machine (python falls back to python3). Output files named in valueFrom.path are mapped into",
    "a per-step sandbox under --work-dir (see README: path mapping).",
    "On a terminal a live tree is drawn; -o json|yaml prints only the final Workflow object",
    "(for a workflow lint refuses: Failed, \"invalid spec: ...\", as Argo records it; exit code 2).",
    "Exit codes: 0 Succeeded, 1 Failed or Error, 2 invalid input, 130 interrupted."})
final class RunCommand implements java.util.concurrent.Callable<Integer> {

    private static final System.Logger LOG = System.getLogger(RunCommand.class.getName());

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
            description = "Where step sandboxes (files, stdout.log, stderr.log) go; default: a new temporary directory.")
    private Path workDir;

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
        Path sandboxes = workDirectory();
        try (StepExecutor executor = ExecutorLookup.find("local").create(Map.of(),
                new CliExecutorContext(io.clock(), sandboxes));
             RunDisplay display = RunDisplay.choose(io, format, wf)) {
            WorkflowRunner runner = new WorkflowRunner(executor, io.clock(),
                    ArtifactRepository.at(sandboxes.resolve("artifacts").toUri()));
            SuspendHandler suspends = new SuspendHandler(wf, display::note, io.in(), io.terminal().stdinIsTerminal(),
                    runner::resume, display::lineEchoed);
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
