package dev.skiff.executor.pod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.executor.pod.json.JsonTree;
import dev.skiff.spi.executor.StepRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The anchor Workflow a remote namespace gets, and the request its pods are built from. */
class AnchorsTest {

    private static final String WHALESAY = """
            {"name": "whalesay", "container": {"image": "docker/whalesay:latest", "command": ["cowsay"]}}""";

    @Test
    void theAnchorIsAWorkflowOfTheSameNameThatNoControllerRunsAndThatNamesItsOwner() {
        StepRequest request = TestingRequests.of(WHALESAY).target("spoke1", "remote").build();
        Map<String, Object> anchor = Anchors.anchor(request);

        assertThat(anchor).containsEntry("apiVersion", "argoproj.io/v1alpha1").containsEntry("kind", "Workflow");
        assertThat(JsonTree.at(anchor, "metadata", "name")).isEqualTo("hello-world");
        assertThat(JsonTree.at(anchor, "metadata", "namespace")).isEqualTo("remote");
        assertThat(JsonTree.object(JsonTree.at(anchor, "metadata", "labels")))
                .containsEntry("workflows.argoproj.io/controller-instanceid", "skiff-anchor")
                .containsEntry("skiff.dev/anchor", "true")
                .containsEntry("skiff.dev/owner-cluster", "hub")
                .containsEntry("skiff.dev/owner-namespace", "argo")
                .containsEntry("skiff.dev/owner-name", "hello-world")
                .containsEntry("skiff.dev/owner-uid", request.workflowUid());
        assertThat(JsonTree.at(anchor, "spec", "entrypoint")).isEqualTo("anchor");
    }

    @Test
    void podsAreBuiltWithTheAnchorsUidAndEverythingElseKept() {
        StepRequest request = TestingRequests.of(WHALESAY).target("spoke1", "remote").build();
        StepRequest anchored = Anchors.anchored(request, "anchor-uid");

        assertThat(anchored.workflowUid()).isEqualTo("anchor-uid");
        assertThat(Anchors.anchored(anchored, request.workflowUid())).isEqualTo(request);
    }
}
