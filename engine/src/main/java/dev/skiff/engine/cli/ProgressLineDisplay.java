package dev.skiff.engine.cli;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowStatus;
import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * No terminal and no {@code -o}: one progress line per node phase change on stderr while the
 * workflow runs, then the summary and the final tree once on stdout.
 */
final class ProgressLineDisplay implements RunDisplay {

    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;
    private final boolean wide;
    private final Map<String, NodePhase> seen = new HashMap<>();

    ProgressLineDisplay(PrintStream out, PrintStream err, Clock clock, boolean wide) {
        this.out = out;
        this.err = err;
        this.clock = clock;
        this.wide = wide;
    }

    @Override
    public void update(WorkflowStatus status) {
        for (NodeStatus node : status.nodes().values()) {
            if (seen.put(node.id(), node.phase()) != node.phase() && node.type() != dev.skiff.engine.model.NodeType.STEP_GROUP) {
                String message = node.message().isEmpty() ? "" : ": " + node.message();
                err.println(PhaseSymbols.of(node, false) + " " + node.name() + " (" + node.type().argoName()
                        + (node.templateName().isEmpty() ? "" : " " + node.templateName()) + ") "
                        + node.phase().argoName() + message);
            }
        }
        err.flush();
    }

    @Override
    public void note(String line) {
        err.println(line);
        err.flush();
    }

    @Override
    public void finish(Workflow done) {
        done.status().ifPresent(status -> {
            String name = NodeTree.root(status).map(NodeStatus::name).orElse(done.name());
            StatusSummary.lines(done, name, status, clock.instant(), ZoneId.systemDefault()).forEach(out::println);
            out.println();
            new TreeTable(wide, false, 0).lines(name, status, clock.instant()).forEach(out::println);
        });
        out.flush();
    }
}
