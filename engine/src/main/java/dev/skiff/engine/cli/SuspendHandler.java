package dev.skiff.engine.cli;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.core.NodeTemplates;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a local run does at a suspend template without a duration, which in a cluster waits for
 * {@code argo resume} (an approval): with a terminal on stdin it asks for Enter and then resumes; without one
 * it resumes at once with a warning, or, with {@code --no-auto-resume}, stops the workflow (Argo's Stop
 * strategy: exit handlers run, the workflow fails). Suspends with a duration are left to the engine.
 */
final class SuspendHandler {

    private final Workflow wf;
    private final Consumer<String> note;
    private final InputStream in;
    private final boolean interactive;
    private final Consumer<String> resume;
    private final boolean autoResume;
    private final Consumer<String> stop;
    private final Runnable echoed;
    private final Set<String> handled = new HashSet<>();
    private BufferedReader reader;

    /**
     * @param note       shows a one-line note to the user
     * @param resume     resumes the node of that id
     * @param autoResume without a terminal: resume at once (true) or {@code stop} the workflow (false)
     * @param stop       stops the workflow with that message
     * @param echoed     called after the user pressed Enter (the terminal echoed a line)
     */
    SuspendHandler(Workflow wf, Consumer<String> note, InputStream in, boolean interactive, Consumer<String> resume,
                   boolean autoResume, Consumer<String> stop, Runnable echoed) {
        this.wf = wf;
        this.note = note;
        this.in = in;
        this.interactive = interactive;
        this.resume = resume;
        this.autoResume = autoResume;
        this.stop = stop;
        this.echoed = echoed;
    }

    /** Looks for newly suspended nodes; called on the runner's thread with each status. */
    void onStatus(WorkflowStatus status) {
        for (NodeStatus node : status.nodes().values()) {
            if (node.type() == NodeType.SUSPEND && node.phase() == NodePhase.RUNNING && waitsForResume(status, node)
                    && handled.add(node.id())) {
                if (interactive) {
                    note.accept("ǁ " + node.name() + " is suspended until resumed: press Enter to resume it"
                            + " (Ctrl-C stops the workflow)");
                    Thread.ofVirtual().name("skiff-resume-" + node.id()).start(() -> awaitEnter(node));
                } else if (autoResume) {
                    note.accept("skiff: WARNING: " + node.name() + " is suspended until resumed (in a cluster it"
                            + " waits for argo resume, e.g. an approval); there is no terminal to ask, so Skiff RESUMES"
                            + " IT AT ONCE. Run with --no-auto-resume to stop the workflow here instead.");
                    resume.accept(node.id());
                } else {
                    note.accept("skiff: " + node.name() + " is suspended until resumed and there is no terminal to"
                            + " ask: stopping the workflow (--no-auto-resume)");
                    stop.accept("Stopped with strategy 'Stop': " + node.name() + " was suspended until resumed, with"
                            + " no terminal to resume it (skiff run --no-auto-resume)");
                }
            }
        }
    }

    private boolean waitsForResume(WorkflowStatus status, NodeStatus node) {
        return NodeTemplates.of(wf.spec(), status, node).flatMap(Template::suspendDuration)
                .filter(d -> !d.isBlank()).isEmpty();
    }

    private void awaitEnter(NodeStatus node) {
        try {
            synchronized (this) {
                if (reader == null) {
                    reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                }
                reader.readLine();
            }
            echoed.run();
            resume.accept(node.id());
        } catch (IOException e) {
            resume.accept(node.id());
        }
    }
}
