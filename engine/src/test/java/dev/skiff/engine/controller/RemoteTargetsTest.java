package dev.skiff.engine.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.core.NodeTargets;
import dev.skiff.spi.executor.StepCommand;
import dev.skiff.spi.executor.StepRef;
import dev.skiff.spi.executor.StepRequest;
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

    @Test
    void eachStartedStepOutsideTheWorkflowsPlaceIsRecordedRelativeToIt() throws Exception {
        ObjectNode doc = object("{\"metadata\":{\"name\":\"wf\"}}");
        RemoteTargets.recordNodes(doc, KEY, List.of(start("wf-1", "hub", "local")));
        assertThat(doc.path("metadata").has("annotations")).as("nothing remote, nothing recorded").isFalse();

        RemoteTargets.recordNodes(doc, KEY, List.of(start("wf-2", "spoke1", "remote"), start("wf-3", "hub", "shared"),
                start("wf-4", "spoke1", "local")));
        RemoteTargets.recordNodes(doc, KEY, List.of(start("wf-5", "spoke1", "remote")));

        assertThat(doc.path("metadata").path("annotations").path(NodeTargets.ANNOTATION).asText())
                .isEqualTo("spoke1/remote:-2,-5;/shared:-3;spoke1/:-4");
    }

    private static StepRequest start(String nodeId, String cluster, String namespace) {
        return new StepRequest(new StepRef("pod-" + nodeId, new StepTarget(cluster, namespace)), "wf", "local", nodeId,
                nodeId, "main", new StepCommand("alpine", List.of(), List.of(), java.util.Map.of(),
                        java.util.Optional.empty(), java.util.Optional.empty()), List.of(), java.util.Optional.empty(),
                java.util.Map.of(), java.util.Map.of(), java.util.Map.of(), List.of(), List.of());
    }
}
