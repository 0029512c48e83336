package dev.skiff.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowCodec;
import dev.skiff.engine.model.WorkflowPhase;
import dev.skiff.engine.model.WorkflowStatus;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A suspend without a duration (in a cluster it waits for {@code argo resume}) when stdin is no terminal. */
class SuspendHandlerTest {

    private static final Workflow WF = WorkflowCodec.read("""
            metadata: {name: wf}
            spec:
              entrypoint: approve
              templates: [{name: approve, suspend: {}}]
            """, "t.yaml");

    private final List<String> notes = new ArrayList<>();
    private final List<String> resumed = new ArrayList<>();
    private final List<String> stopped = new ArrayList<>();

    private static WorkflowStatus suspended() {
        return TestingNodes.status(WorkflowPhase.RUNNING,
                TestingNodes.node("wf", "wf", "wf", NodeType.SUSPEND, "approve", NodePhase.RUNNING, "", 0, List.of()));
    }

    private SuspendHandler handler(boolean autoResume) {
        return new SuspendHandler(WF, notes::add, new ByteArrayInputStream(new byte[0]), false, resumed::add,
                autoResume, stopped::add, () -> { });
    }

    @Test
    void byDefaultItResumesAtOnceAndSaysSoLoudly() {
        handler(true).onStatus(suspended());

        assertThat(resumed).containsExactly("wf");
        assertThat(stopped).isEmpty();
        assertThat(notes).singleElement().asString().startsWith("skiff: WARNING: wf is suspended until resumed")
                .contains("RESUMES IT AT ONCE", "--no-auto-resume");
    }

    @Test
    void withNoAutoResumeItStopsTheWorkflowWithAnArgoStyleMessage() {
        SuspendHandler handler = handler(false);
        handler.onStatus(suspended());
        handler.onStatus(suspended());

        assertThat(resumed).isEmpty();
        assertThat(stopped).containsExactly("Stopped with strategy 'Stop': wf was suspended until resumed, with no"
                + " terminal to resume it (skiff run --no-auto-resume)");
        assertThat(notes).singleElement().asString().contains("stopping the workflow (--no-auto-resume)");
    }
}
