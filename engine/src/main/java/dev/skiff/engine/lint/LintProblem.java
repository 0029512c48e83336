package dev.skiff.engine.lint;

import java.util.Objects;

/**
 * One problem found in a workflow.
 *
 * @param template the template it is in; "" when workflow-level
 * @param message  what is wrong
 * @param hint     what to do about it
 * @param kind     whether Argo rejects it too or only Skiff cannot run it yet
 */
public record LintProblem(String template, String message, String hint, ProblemKind kind) {

    public LintProblem {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(hint, "hint");
        Objects.requireNonNull(kind, "kind");
    }

    @Override
    public String toString() {
        String where = template.isEmpty() ? "" : "template " + template + ": ";
        return where + message + (hint.isEmpty() ? "" : " (hint: " + hint + ")");
    }
}
