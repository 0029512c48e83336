package dev.skiff.engine.cli;

import dev.skiff.engine.core.ReconcileLimits;
import dev.skiff.engine.core.WorkflowTemplateCatalog;
import dev.skiff.engine.core.WorkflowTemplates;
import dev.skiff.engine.lint.ExecutionProfile;
import dev.skiff.engine.lint.LintProblem;
import dev.skiff.engine.lint.WorkflowLinter;
import dev.skiff.engine.model.ManifestDocument;
import dev.skiff.engine.model.WorkflowTemplate;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code skiff lint PATH...}: the checks {@code skiff run} makes before it starts, for every Workflow, WorkflowTemplate
 * and ClusterWorkflowTemplate of the given files and of the {@code .yaml}, {@code .yml} and {@code .json} files under
 * the given directories (as {@code argo lint} walks them). References between them ({@code templateRef},
 * {@code workflowTemplateRef}) resolve among all the documents given and those under {@code --templates DIR}, as
 * {@code argo lint} (offline) resolves them. Documents of other kinds are skipped with a note.
 */
@Command(name = "lint", sortOptions = false,
        header = "Check workflow files without running them.",
        description = {
            "Checks every Workflow, WorkflowTemplate and ClusterWorkflowTemplate in the files given, and in the .yaml,"
                + " .yml and .json files under the directories given (recursively, as argo lint does): what the"
                + " Kubernetes API server and Argo's validation refuse, what would fail once running, and what"
                + " Skiff's local runner does not support yet. templateRef and workflowTemplateRef resolve among the"
                + " templates of all the files given and under --templates DIR.",
            "Problems go to stderr as FILE: template T: MESSAGE (hint: ...). Exit code 2 when there is any, or when"
                + " nothing to lint was found."})
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

    @Option(names = "--templates", paramLabel = "DIR",
            description = "A directory of further WorkflowTemplates for references (not linted themselves; repeatable).")
    private List<Path> templateDirs = List.of();

    @Option(names = "--artifact-repository", paramLabel = "FILE",
            description = "The S3 artifact repository a run would get, as for run (S3 artifacts are then checked"
                    + " against it).")
    private Path artifactRepository;

    @Option(names = "--secret", paramLabel = "FILE",
            description = "Secret manifests a run would get, as for run (repeatable).")
    private List<Path> secretFiles = List.of();

    @Option(names = "--max-loop-items", paramLabel = "N",
            description = "The most items a loop may have, as for run (default: ${DEFAULT-VALUE}).")
    private int maxLoopItems = ReconcileLimits.DEFAULT_MAX_LOOP_ITEMS;

    private int found;
    private int bad;

    @Override
    public Integer call() {
        Map<String, String> overrides = ParameterArgs.parse(parameters, parameterFile, main.io().workingDirectory());
        ReconcileLimits limits = RunCommand.limits(maxLoopItems);
        PrintStream err = main.io().err();
        Map<Path, List<ManifestDocument>> files = new LinkedHashMap<>();
        Map<Path, Boolean> named = new LinkedHashMap<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                TemplateFiles.manifestsUnder(path).forEach(f -> named.putIfAbsent(f, false));
            } else {
                named.put(path, true);
            }
        }
        List<WorkflowTemplate> templates = new ArrayList<>();
        for (Path file : named.keySet()) {
            try {
                List<ManifestDocument> documents = WorkflowFiles.readManifests(file);
                files.put(file, documents);
                documents.stream().filter(d -> d instanceof ManifestDocument.TemplateDoc)
                        .forEach(d -> templates.add(((ManifestDocument.TemplateDoc) d).template()));
            } catch (UserInputException e) {
                err.println(e.getMessage());
                bad++;
            }
        }
        templates.addAll(TemplateFiles.under(templateDirs, List.copyOf(named.keySet())));
        WorkflowTemplateCatalog catalog = TemplateFiles.catalog(templates);
        files.forEach((file, documents) -> lintFile(file, documents, named.get(file), overrides, limits, catalog));
        if (found == 0 && bad == 0) {
            err.println("skiff: found no Workflow or WorkflowTemplate to lint in " + String.join(", ",
                    paths.stream().map(Path::toString).toList()));
            bad++;
        }
        main.io().out().flush();
        err.flush();
        return bad == 0 ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
    }

    private void lintFile(Path file, List<ManifestDocument> documents, boolean named, Map<String, String> overrides,
                          ReconcileLimits limits, WorkflowTemplates catalog) {
        PrintStream err = main.io().err();
        long lintable = documents.stream().filter(d -> !(d instanceof ManifestDocument.OtherDocument)).count();
        if (lintable == 0) {
            if (named) {
                err.println(WorkflowFiles.notAWorkflow(file, documents));
                bad++;
            } else {
                err.println("skiff: " + file + ": skipped: no argoproj.io/v1alpha1 Workflow or WorkflowTemplate in it");
            }
            return;
        }
        boolean clean = true;
        int workflows = 0;
        int others = 0;
        for (ManifestDocument document : documents) {
            String label = documents.size() == 1 ? file.toString()
                    : file + " (" + document.position() + ", " + WorkflowFiles.label(document) + ")";
            List<LintProblem> problems = List.of();
            switch (document) {
                case ManifestDocument.WorkflowDoc doc -> {
                    workflows++;
                    Optional<String> nameless = WorkflowFiles.missingName(doc.workflow(), label);
                    if (nameless.isPresent()) {
                        err.println(nameless.get());
                        clean = false;
                        continue;
                    }
                    try (RunArtifacts artifacts = RunArtifacts.open(main.io(), doc.workflow(), artifactRepository,
                            secretFiles)) {
                        problems = WorkflowLinter.lint(doc.workflow(), overrides, ExecutionProfile.LOCAL, limits,
                                Optional.of(catalog), artifacts.lintSetup());
                    }
                }
                case ManifestDocument.TemplateDoc doc -> {
                    others++;
                    problems = WorkflowLinter.lint(doc.template(), ExecutionProfile.LOCAL, limits,
                            Optional.of(catalog));
                }
                case ManifestDocument.UnreadableWorkflow unreadable -> {
                    workflows++;
                    err.println(label + ": " + unreadable.problem());
                    clean = false;
                }
                case ManifestDocument.UnreadableTemplate unreadable -> {
                    others++;
                    err.println(label + ": " + unreadable.problem());
                    clean = false;
                }
                case ManifestDocument.OtherDocument other -> err.println("skiff: " + file + ": " + document.position()
                        + ": skipped " + other.description() + ": Skiff lints only Workflows and WorkflowTemplates");
            }
            if (!problems.isEmpty()) {
                LintReport.print(err, label, problems);
                clean = false;
            }
        }
        found += workflows + others;
        if (clean) {
            main.io().out().println(file + ": " + counted(workflows, others) + "no problems found");
        } else {
            bad++;
        }
    }

    /** "" for one document, else "2 Workflows, " or "1 Workflow and 2 templates, ". */
    private static String counted(int workflows, int templates) {
        if (workflows + templates <= 1) {
            return "";
        }
        String w = workflows + (workflows == 1 ? " Workflow" : " Workflows");
        String t = templates + (templates == 1 ? " template" : " templates");
        return (templates == 0 ? w : workflows == 0 ? t : w + " and " + t) + ", ";
    }
}
