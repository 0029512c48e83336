package dev.skiff.engine.cli;

import dev.skiff.engine.lint.LintProblem;
import dev.skiff.engine.lint.WorkflowLinter;
import dev.skiff.engine.model.Workflow;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code skiff lint FILE...}: the checks {@code skiff run} makes before it starts. */
@Command(name = "lint", description = {
    "Check workflow files without running them: unknown templates, DAG cycles, unknown depends",
    "targets, missing parameters, unparsable expressions.",
    "Problems go to stderr as FILE: template T: MESSAGE (hint: ...); exit 2 when there is any."})
final class LintCommand implements Callable<Integer> {

    @ParentCommand
    private SkiffMain main;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Workflow files (YAML or JSON).")
    private List<Path> files;

    @Option(names = {"-p", "--parameter"}, paramLabel = "NAME=VALUE",
            description = "A workflow parameter, as for run (checked against spec.arguments).")
    private List<String> parameters = List.of();

    @Override
    public Integer call() {
        Map<String, String> overrides = ParameterArgs.parse(parameters, main.io().workingDirectory());
        int bad = 0;
        for (Path file : files) {
            List<LintProblem> problems;
            try {
                Workflow wf = WorkflowFiles.read(file);
                problems = WorkflowLinter.lint(wf, overrides);
            } catch (UserInputException e) {
                main.io().err().println(e.getMessage());
                bad++;
                continue;
            }
            if (problems.isEmpty()) {
                main.io().out().println(file + ": no problems found");
            } else {
                LintReport.print(main.io().err(), file.toString(), problems);
                bad++;
            }
        }
        main.io().out().flush();
        main.io().err().flush();
        return bad == 0 ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
    }
}
