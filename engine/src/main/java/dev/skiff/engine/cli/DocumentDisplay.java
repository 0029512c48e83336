package dev.skiff.engine.cli;

import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowCodec;
import dev.skiff.engine.model.WorkflowStatus;
import java.io.PrintStream;

/** {@code -o json|yaml}: stdout carries only the final Workflow object, in Argo's shape. */
final class DocumentDisplay implements RunDisplay {

    private final PrintStream out;
    private final PrintStream err;
    private final boolean yaml;

    DocumentDisplay(PrintStream out, PrintStream err, boolean yaml) {
        this.out = out;
        this.err = err;
        this.yaml = yaml;
    }

    @Override
    public void note(String line) {
        err.println(line);
        err.flush();
    }

    @Override
    public void update(WorkflowStatus status) {
    }

    @Override
    public void finish(Workflow done) {
        String text = yaml ? WorkflowCodec.toYaml(done) : WorkflowCodec.toJson(done);
        out.print(text.endsWith("\n") ? text : text + "\n");
        out.flush();
    }
}
