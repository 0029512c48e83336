package dev.skiff.engine.cli;

import dev.skiff.engine.model.NodePhase;
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
 * {@code argo resume}: with a terminal on stdin it asks for Enter and then resumes; without one
 * it resumes at once and says so on stderr. Suspends with a duration are left to the engine.
 */
final class SuspendHandler {

    private final Workflow wf;
    private final Consumer<String> note;
    private final InputStream in;
    private final boolean interactive;
    private final Consumer<String> resume;
    private final Set<String> handled = new HashSet<>();
    private BufferedReader reader;

    SuspendHandler(Workflow wf, Consumer<String> note, InputStream in, boolean interactive, Consumer<String> resume) {
        this.wf = wf;
        this.note = note;
        this.in = in;
        this.interactive = interactive;
        this.resume = resume;
    }

    /** Looks for newly suspended nodes; called on the runner's thread with each status. */
    void onStatus(WorkflowStatus status) {
        for (NodeStatus node : status.nodes().values()) {
            if (node.type() == NodeType.SUSPEND && node.phase() == NodePhase.RUNNING && waitsForResume(node)
                    && handled.add(node.id())) {
                if (interactive) {
                    note.accept("ǁ " + node.name() + " is suspended until resumed: press Enter to resume it"
                            + " (Ctrl-C stops the workflow)");
                    Thread.ofVirtual().name("skiff-resume-" + node.id()).start(() -> awaitEnter(node));
                } else {
                    note.accept("skiff: " + node.name() + " is suspended without a duration; no terminal to ask,"
                            + " so it is resumed at once");
                    resume.accept(node.id());
                }
            }
        }
    }

    private boolean waitsForResume(NodeStatus node) {
        return wf.spec().template(node.templateName()).flatMap(Template::suspendDuration).isEmpty();
    }

    private void awaitEnter(NodeStatus node) {
        try {
            synchronized (this) {
                if (reader == null) {
                    reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                }
                reader.readLine();
            }
            resume.accept(node.id());
        } catch (IOException e) {
            resume.accept(node.id());
        }
    }
}
