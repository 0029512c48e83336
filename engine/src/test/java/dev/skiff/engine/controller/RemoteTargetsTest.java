package dev.skiff.engine.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.spi.executor.StepTarget;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The remote targets and the clean-up finalizer kept on the Workflow object. */
class RemoteTargetsTest {

    private static final WorkflowKey KEY = new WorkflowKey("hub", "local", "wf");

    private static ObjectNode object(String json) throws Exception {
        return (ObjectNode) KubeJson.JSON.readTree(json);
    }

    @Test
    void onlyTargetsElsewhereAreRecordedWithTheFinalizerOnce() throws Exception {
        ObjectNode doc = object("{\"metadata\":{\"name\":\"wf\",\"finalizers\":[\"other\"]}}");
        RemoteTargets.record(doc, KEY, List.of(new StepTarget("hub", "local")));
        assertThat(doc.path("metadata").has("annotations")).isFalse();

        RemoteTargets.record(doc, KEY, List.of(new StepTarget("spoke1", "remote"), new StepTarget("hub", "team-b")));
        RemoteTargets.record(doc, KEY, List.of(new StepTarget("spoke1", "remote"), new StepTarget("spoke2", "remote")));

        assertThat(RemoteTargets.recorded(doc)).containsExactly(new StepTarget("spoke1", "remote"),
                new StepTarget("hub", "team-b"), new StepTarget("spoke2", "remote"));
        assertThat(doc.path("metadata").path("finalizers").toString())
                .isEqualTo("[\"other\",\"" + RemoteTargets.FINALIZER + "\"]");
    }

    @Test
    void aDeletedObjectWithTheFinalizerAwaitsCleanUpAndThePatchKeepsOtherFinalizers() throws Exception {
        ObjectNode doc = object("{\"metadata\":{\"name\":\"wf\",\"resourceVersion\":\"42\","
                + "\"deletionTimestamp\":\"2026-12-07T18:00:00Z\",\"finalizers\":[\"other\",\""
                + RemoteTargets.FINALIZER + "\"]}}");
        assertThat(RemoteTargets.awaitingCleanup(doc)).isTrue();
        assertThat(RemoteTargets.withoutFinalizer(doc).toString())
                .isEqualTo("{\"metadata\":{\"resourceVersion\":\"42\",\"finalizers\":[\"other\"]}}");
        assertThat(RemoteTargets.awaitingCleanup(object("{\"metadata\":{\"deletionTimestamp\":\"x\"}}"))).isFalse();
    }
}
