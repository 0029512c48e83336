package dev.skiff.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowCodec;
import dev.skiff.engine.model.WorkflowPhase;
import dev.skiff.engine.model.WorkflowStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LiveTreeDisplayTest {

    private static final Workflow WF = WorkflowCodec.read("apiVersion: argoproj.io/v1alpha1\nkind: Workflow\n"
            + "metadata: {name: wf}\nspec: {entrypoint: main, templates: [{name: main, steps: []}]}\n", "wf.yaml");

    @Test
    void redrawsInPlaceAndLeavesTheFinalTreeWithNotes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        WorkflowStatus running = NodeTreeTest.stepsStatus();
        WorkflowStatus done = new WorkflowStatus(WorkflowPhase.FAILED, running.startedAt(),
                java.util.Optional.of(TestingNodes.T0.plusSeconds(20)), "2/3", "child failed", running.nodes(),
                java.util.Optional.empty(), java.util.List.of());

        try (LiveTreeDisplay display = new LiveTreeDisplay(out, Clock.fixed(TestingNodes.T0.plusSeconds(30), ZoneOffset.UTC),
                WF, false, 0)) {
            display.update(running);
            display.note("ǁ wf[2].approve is suspended until resumed: press Enter to resume it");
            display.finish(WF.withStatus(done));
        }
        String text = bytes.toString(StandardCharsets.UTF_8);

        int frames = text.split("\u001b\\[J", -1).length - 1;
        assertThat(frames).isGreaterThanOrEqualTo(3);
        assertThat(text).contains("\u001b[" + linesOfFirstFrame(text) + "F");
        String last = text.substring(text.lastIndexOf("\u001b[J") + 3);
        assertThat(last).contains("Status:              Failed", "Message:             child failed",
                "hello2b", "press Enter to resume");
    }

    private static int linesOfFirstFrame(String text) {
        int start = text.indexOf("\u001b[J") + 3;
        int end = text.lastIndexOf("\u001b[", text.indexOf("\u001b[J", start) - 1);
        return (int) text.substring(start, end).chars().filter(c -> c == '\n').count();
    }
}
