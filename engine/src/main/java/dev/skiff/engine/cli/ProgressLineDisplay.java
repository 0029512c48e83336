package dev.skiff.engine.cli;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowStatus;
import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneId;
import dev.skiff.engine.model.NodeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
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
    /** Ends before starts (an end triggers the next start); among ends children first, among starts parents first. */
    private static final Comparator<NodeStatus> STORY_ORDER = Comparator
            .comparing((NodeStatus n) -> !n.phase().isDone())
            .thenComparing(n -> n.phase().isDone() ? n.finishedAt().orElse(Instant.MAX) : n.startedAt().orElse(Instant.MAX))
            .thenComparing(n -> n.phase().isDone() ? -n.name().length() : n.name().length())
            .thenComparing(NodeStatus::name);

    private final Map<String, NodePhase> seen = new HashMap<>();

    ProgressLineDisplay(PrintStream out, PrintStream err, Clock clock, boolean wide) {
        this.out = out;
        this.err = err;
        this.clock = clock;
        this.wide = wide;
    }

    @Override
    public void update(WorkflowStatus status) {
        List<NodeStatus> changed = new ArrayList<>();
        for (NodeStatus node : status.nodes().values()) {
            if (seen.put(node.id(), node.phase()) != node.phase() && node.type() != NodeType.STEP_GROUP) {
                changed.add(node);
            }
        }
        changed.sort(STORY_ORDER);
        for (NodeStatus node : changed) {
            String message = node.message().isEmpty() ? "" : ": " + node.message();
            err.println(PhaseSymbols.of(node, false) + " " + node.name() + " (" + node.type().argoName()
                    + (node.templateLabel().isEmpty() ? "" : " " + node.templateLabel()) + ") "
                    + node.phase().argoName() + message);
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
