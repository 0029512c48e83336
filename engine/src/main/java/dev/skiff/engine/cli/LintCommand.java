package dev.skiff.engine.cli;

import dev.skiff.engine.core.ReconcileLimits;
import dev.skiff.engine.lint.ExecutionProfile;
import dev.skiff.engine.lint.LintProblem;
import dev.skiff.engine.lint.WorkflowLinter;
import dev.skiff.engine.model.ManifestDocument;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code skiff lint PATH...}: the checks {@code skiff run} makes before it starts, for every Workflow of the
 * given files and of the {@code .yaml}, {@code .yml} and {@code .json} files under the given directories (as
 * {@code argo lint} walks them). Documents of other kinds are skipped with a note.
 */
@Command(name = "lint", sortOptions = false,
        header = "Check workflow files without running them.",
        description = {
            "Checks every Workflow in the files given, and in the .yaml, .yml and .json files under the directories"
                + " given (recursively, as argo lint does): what the Kubernetes API server and Argo's validation"
                + " refuse, what would fail once running, and what Skiff's local runner does not support yet.",
            "Problems go to stderr as FILE: template T: MESSAGE (hint: ...). Exit code 2 when there is any, or when"
                + " no Workflow was found."})
final class LintCommand implements Callable<Integer> {

    @ParentCommand
    private SkiffMain main;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Workflow files or directories.")
    private List<Path> paths;

    @Option(names = {"-p", "--parameter"}, paramLabel = "NAME=VALUE",
            description = "A workflow parameter, as for run (checked against spec.arguments).")
    private List<String> parameters = List.of();

    @Option(names = {"-f", "--parameter-file"}, paramLabel = "FILE",
            description = "Workflow parameters from a YAML or JSON file, as for run.")
    private Path parameterFile;

    @Option(names = "--max-loop-items", paramLabel = "N",
            description = "The most items a loop may have, as for run (default: ${DEFAULT-VALUE}).")
    private int maxLoopItems = ReconcileLimits.DEFAULT_MAX_LOOP_ITEMS;

    private int workflows;
    private int bad;

    @Override
    public Integer call() {
        Map<String, String> overrides = ParameterArgs.parse(parameters, parameterFile, main.io().workingDirectory());
        ReconcileLimits limits = RunCommand.limits(maxLoopItems);
        PrintStream err = main.io().err();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                for (Path file : manifestsUnder(path)) {
                    lintFile(file, overrides, limits, false);
                }
            } else {
                lintFile(path, overrides, limits, true);
            }
        }
        if (workflows == 0 && bad == 0) {
            err.println("skiff: found no Workflow to lint in " + String.join(", ", paths.stream().map(Path::toString)
                    .toList()));
            bad++;
        }
        main.io().out().flush();
        err.flush();
        return bad == 0 ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
    }

    private void lintFile(Path file, Map<String, String> overrides, ReconcileLimits limits, boolean named) {
        PrintStream err = main.io().err();
        List<ManifestDocument> documents;
        try {
            documents = WorkflowFiles.readManifests(file);
        } catch (UserInputException e) {
            err.println(e.getMessage());
            bad++;
            return;
        }
        long found = documents.stream().filter(d -> !(d instanceof ManifestDocument.OtherDocument)).count();
        if (found == 0) {
            if (named) {
                err.println(WorkflowFiles.notAWorkflow(file, documents));
                bad++;
            } else {
                err.println("skiff: " + file + ": skipped: no argoproj.io/v1alpha1 Workflow in it");
            }
            return;
        }
        boolean clean = true;
        for (ManifestDocument document : documents) {
            String label = documents.size() == 1 ? file.toString()
                    : file + " (" + document.position() + ", " + WorkflowFiles.label(document) + ")";
            switch (document) {
                case ManifestDocument.WorkflowDoc doc -> {
                    workflows++;
                    java.util.Optional<String> nameless = WorkflowFiles.missingName(doc.workflow(), label);
                    if (nameless.isPresent()) {
                        err.println(nameless.get());
                        clean = false;
                        continue;
                    }
                    List<LintProblem> problems = WorkflowLinter.lint(doc.workflow(), overrides, ExecutionProfile.LOCAL,
                            limits);
                    if (!problems.isEmpty()) {
                        LintReport.print(err, label, problems);
                        clean = false;
                    }
                }
                case ManifestDocument.UnreadableWorkflow unreadable -> {
                    workflows++;
                    err.println(label + ": " + unreadable.problem());
                    clean = false;
                }
                case ManifestDocument.OtherDocument other -> err.println("skiff: " + file + ": " + document.position()
                        + ": skipped " + other.description() + ": Skiff lints only Workflows");
            }
        }
        if (clean) {
            main.io().out().println(file + ": " + (found == 1 ? "" : found + " Workflows, ") + "no problems found");
        } else {
            bad++;
        }
    }

    /** The manifest files under {@code dir}, sorted, as {@code argo lint} picks them: by extension. */
    private static List<Path> manifestsUnder(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
            }).sorted().toList();
        } catch (IOException e) {
            throw new UserInputException(dir + ": cannot list the directory (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", e);
        }
    }
}
