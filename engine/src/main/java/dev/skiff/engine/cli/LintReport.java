package dev.skiff.engine.cli;

import dev.skiff.engine.lint.LintProblem;
import java.io.PrintStream;
import java.util.List;

/** Prints lint problems as {@code file: template: message (hint: ...)}, one a line. */
final class LintReport {

    private LintReport() {
    }

    static String line(String file, LintProblem problem) {
        StringBuilder line = new StringBuilder(file).append(": ");
        if (!problem.template().isEmpty()) {
            line.append("template ").append(problem.template()).append(": ");
        }
        line.append(problem.message());
        if (!problem.hint().isEmpty()) {
            line.append(" (hint: ").append(problem.hint()).append(')');
        }
        return line.toString();
    }

    static void print(PrintStream err, String file, List<LintProblem> problems) {
        problems.forEach(p -> err.println(line(file, p)));
        err.flush();
    }
}
