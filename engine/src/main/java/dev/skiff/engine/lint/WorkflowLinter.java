package dev.skiff.engine.lint;

import dev.skiff.engine.model.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks a workflow before it runs, as {@code skiff lint} and {@code skiff run} do. */
public final class WorkflowLinter {

    private WorkflowLinter() {
    }

    /** The problems found; empty when the workflow looks runnable. */
    public static List<LintProblem> lint(Workflow wf, Map<String, String> parameterOverrides) {
        List<LintProblem> problems = new ArrayList<>();
        if (wf.spec().entrypoint().isEmpty()) {
            problems.add(new LintProblem("", "spec.entrypoint is missing",
                    "name the template to start with in spec.entrypoint"));
        } else if (wf.spec().template(wf.spec().entrypoint()).isEmpty()) {
            problems.add(new LintProblem("", "spec.entrypoint names template \"" + wf.spec().entrypoint()
                    + "\", which does not exist", "add the template or fix the name"));
        }
        return problems;
    }
}
