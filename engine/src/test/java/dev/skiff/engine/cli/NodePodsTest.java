package dev.skiff.engine.cli;

import static dev.skiff.engine.cli.TestingWorkflowObjects.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.PodNames;
import org.junit.jupiter.api.Test;

class NodePodsTest {

    private static ObjectNode workflow(String annotations) {
        return json("""
                {'metadata': {'name': 'wf', 'annotations': %s},
                 'status': {'nodes': {
                   'wf': {'id': 'wf', 'name': 'wf', 'displayName': 'wf', 'type': 'DAG', 'templateName': 'main'},
                   'wf-11': {'id': 'wf-11', 'name': 'wf.A', 'displayName': 'A', 'type': 'Pod', 'templateName': 'echo'},
                   'wf-12': {'id': 'wf-12', 'name': 'wf.B(0:x)', 'displayName': 'B(0:x)', 'type': 'Pod',
                             'templateName': 'echo'},
                   'wf-13': {'id': 'wf-13', 'name': 'wf.C(0:x)', 'displayName': 'B(0:x)', 'type': 'Pod',
                             'templateName': 'echo', 'templateRef': {'name': 'lib', 'template': 'say'}}}}}
                """.formatted(annotations));
    }

    @Test
    void findsTheNodeByIdNameOrDisplayNameAndNamesItsPodAsArgoV2Does() {
        ObjectNode wf = workflow("{}");
        String pod = PodNames.podName("wf", "wf.A", "echo");

        assertThat(NodePods.podOf(wf, "wf-11")).isEqualTo(pod);
        assertThat(NodePods.podOf(wf, "wf.A")).isEqualTo(pod);
        assertThat(NodePods.podOf(wf, "A")).isEqualTo(pod);
        assertThat(pod).startsWith("wf-echo-");
    }

    @Test
    void aTemplateRefsTemplateNamesThePod() {
        assertThat(NodePods.podOf(workflow("{}"), "wf.C(0:x)")).isEqualTo(PodNames.podName("wf", "wf.C(0:x)", "say"));
    }

    @Test
    void podNameFormatV1UsesTheNodeId() {
        assertThat(NodePods.podOf(workflow("{'workflows.argoproj.io/pod-name-format': 'v1'}"), "A")).isEqualTo("wf-11");
    }

    @Test
    void anAmbiguousDisplayNameAnUnknownNodeAndANodeWithoutPodAreBadInput() {
        ObjectNode wf = workflow("{}");

        assertThatThrownBy(() -> NodePods.podOf(wf, "B(0:x)")).isInstanceOf(UserInputException.class)
                .hasMessage("'B(0:x)' names 2 nodes of workflow wf: [wf.B(0:x), wf.C(0:x)]; give the node's id or"
                        + " full name");
        assertThatThrownBy(() -> NodePods.podOf(wf, "Z")).isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("workflow wf has no node 'Z'");
        assertThatThrownBy(() -> NodePods.podOf(wf, "wf")).isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("node 'wf' of workflow wf is a DAG node, which runs no pod");
    }
}
