package dev.skiff.engine.cli;

import dev.skiff.engine.kube.KubeApiException;
import dev.skiff.engine.model.WorkflowFormatException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code skiff} command. To add a command, write one class like {@link VersionCommand} and
 * add it to {@code subcommands} below.
 */
@Command(name = "skiff", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = SkiffMain.Version.class,
        description = {"Skiff runs Argo Workflows (argoproj.io/v1alpha1) on the JVM.",
            "Locally, steps run as host processes and container images are ignored."},
        subcommands = {
            RunCommand.class,
            LintCommand.class,
            VersionCommand.class,
            ClustersCommand.class,
            AuthCommand.class,
            SubmitCommand.class,
            ListCommand.class,
            GetCommand.class,
            WatchCommand.class,
            LogsCommand.class,
            StopCommand.class,
            TerminateCommand.class,
            SuspendCommand.class,
            ResumeCommand.class,
            DeleteCommand.class,
            TemplateCommand.class,
            ClusterTemplateCommand.class,
            CronCommand.class,
            ControllerCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class SkiffMain implements Runnable {

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Show debug logs and stack traces of internal errors.")
    private boolean debug;

    private final CliIo io;

    SkiffMain(CliIo io) {
        this.io = io;
    }

    CliIo io() {
        return io;
    }

    boolean debug() {
        return debug;
    }

    /** Without a subcommand: print the usage and exit 2. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try 'skiff run FILE'");
    }

    public static void main(String[] args) {
        // client-java logs through SLF4J and lib/ holds no provider: keep its three warning lines off stderr
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        CliIo io = new CliIo(out, err, System.in, TerminalInfo.detect(System.getenv()), System.getenv(),
                Path.of("").toAbsolutePath(), Clock.systemUTC());
        int code = execute(io, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the command line and returns its exit code; never throws. */
    static int execute(CliIo io, String... args) {
        SkiffMain main = new SkiffMain(io);
        CommandLine cli = new CommandLine(main, new CommandFactory(main));
        cli.setOut(new PrintWriter(io.out(), true));
        cli.setErr(new PrintWriter(io.err(), true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionStrategy(parsed -> {
            LogSetup.configure(main.debug);
            return new CommandLine.RunLast().execute(parsed);
        });
        cli.setParameterExceptionHandler(new UsageErrorHandler());
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> failure(main, e));
        return cli.execute(args);
    }

    private static int failure(SkiffMain main, Exception e) {
        PrintStream err = main.io.err();
        if (e instanceof UserInputException || e instanceof WorkflowFormatException) {
            err.println("skiff: " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        if (e instanceof CommandFailedException || e instanceof KubeApiException) {
            // the cluster refused or the workflow is not there: one line, no stack trace
            err.println("skiff: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        if (e instanceof InterruptedException) {
            err.println("skiff: interrupted");
            return ExitCodes.INTERRUPTED;
        }
        err.println("skiff: internal error: " + e);
        if (main.debug) {
            e.printStackTrace(err);
        } else {
            err.println("skiff: rerun with --debug for the stack trace, and please report it");
        }
        return ExitCodes.FAILED;
    }

    /** Creates commands, handing each the shared {@link SkiffMain}. */
    private record CommandFactory(SkiffMain main) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == SkiffMain.class) {
                return type.cast(main);
            }
            return CommandLine.defaultFactory().create(type);
        }
    }

    /** A bad option or argument: the message and a pointer to help, exit 2. */
    private static final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException e, String[] args) {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("skiff: " + e.getMessage());
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            err.flush();
            return ExitCodes.INVALID_INPUT;
        }
    }

    /** {@code skiff --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"skiff " + VersionCommand.version()};
        }
    }
}
