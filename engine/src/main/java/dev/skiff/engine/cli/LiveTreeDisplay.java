package dev.skiff.engine.cli;

import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowStatus;
import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * On a terminal: the summary and node tree redrawn in place as the run goes on (like
 * {@code argo watch}), at most ten times a second and once a second for ticking durations;
 * the last drawing stays on screen.
 */
final class LiveTreeDisplay implements RunDisplay {

    private static final long MIN_REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final Clock clock;
    private final Workflow wf;
    private final boolean wide;
    private final int columns;
    private final Thread ticker;
    private final List<String> notes = new ArrayList<>();
    private WorkflowStatus last;
    private int drawnLines;
    private long lastDraw;
    private boolean finished;

    LiveTreeDisplay(PrintStream out, Clock clock, Workflow wf, boolean wide, int columns) {
        this.out = out;
        this.clock = clock;
        this.wf = wf;
        this.wide = wide;
        this.columns = columns;
        this.ticker = Thread.ofVirtual().name("skiff-live-tree").start(this::tick);
    }

    @Override
    public synchronized void update(WorkflowStatus status) {
        last = status;
        long now = System.nanoTime();
        if (now - lastDraw >= MIN_REDRAW_NANOS || status.phase().isDone()) {
            draw(status, false);
        }
    }

    @Override
    public synchronized void note(String line) {
        if (finished) {
            out.println(line);
            return;
        }
        notes.add(line);
        if (last != null) {
            draw(last, false);
        }
    }

    @Override
    public synchronized void lineEchoed() {
        if (drawnLines > 0) {
            drawnLines++;
        }
    }

    @Override
    public void finish(Workflow done) {
        close();
        synchronized (this) {
            done.status().ifPresent(status -> draw(status, true));
            finished = true;
        }
        out.flush();
    }

    @Override
    public void close() {
        ticker.interrupt();
    }

    private void tick() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(1000);
                synchronized (this) {
                    if (last != null && !finished) {
                        draw(last, false);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Redraws the summary and tree in place. Live frames cut lines at the terminal's width so that the line count
     * holds; the last frame (nothing is redrawn after it) fits the table to the width and cuts nothing.
     */
    private void draw(WorkflowStatus status, boolean finalFrame) {
        String name = NodeTree.root(status).map(NodeStatus::name).orElse(wf.name());
        List<String> lines = new ArrayList<>(StatusSummary.lines(wf, name, status, clock.instant(), ZoneId.systemDefault()));
        lines.add("");
        lines.addAll(new TreeTable(wide, true, columns, finalFrame).lines(name, status, clock.instant()));
        if (!notes.isEmpty()) {
            lines.add("");
            lines.addAll(notes);
        }
        StringBuilder frame = new StringBuilder();
        if (drawnLines > 0) {
            frame.append("\u001b[").append(drawnLines).append("F");
        }
        frame.append("\u001b[J");
        for (String line : lines) {
            String cut = !finalFrame && columns > 0 && line.length() > columns && !line.contains("\u001b")
                    ? line.substring(0, columns) : line;
            frame.append(cut).append('\n');
        }
        out.print(frame);
        out.flush();
        drawnLines = lines.size();
        lastDraw = System.nanoTime();
    }
}
