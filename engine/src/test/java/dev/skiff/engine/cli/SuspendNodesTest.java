package dev.skiff.engine.cli;

import static dev.skiff.engine.cli.TestingWorkflowObjects.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What resume and stop --node-field-selector change, as Argo's workflow/util ResumeWorkflow and updateSuspendedNode. */
class SuspendNodesTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:05.600Z");

    private static ObjectNode suspended() {
        return json("""
                {'metadata': {'name': 'wf', 'resourceVersion': '42'},
                 'spec': {'suspend': true},
                 'status': {'phase': 'Running', 'nodes': {
                   'wf': {'id': 'wf', 'name': 'wf', 'type': 'Steps', 'phase': 'Running'},
                   'wf-1': {'id': 'wf-1', 'name': 'wf[0].approve', 'displayName': 'approve', 'type': 'Suspend',
                            'phase': 'Running', 'templateName': 'wait',
                            'outputs': {'parameters': [{'name': 'ok', 'valueFrom': {'supplied': {}, 'default': 'yes'}},
                                                       {'name': 'given', 'value': 'x'}]}},
                   'wf-2': {'id': 'wf-2', 'name': 'wf[0].other', 'displayName': 'other', 'type': 'Suspend',
                            'phase': 'Running', 'message': 'waiting for the gate'},
                   'wf-3': {'id': 'wf-3', 'name': 'wf[0].done', 'type': 'Suspend', 'phase': 'Succeeded'}}}}
                """);
    }

    @Test
    void resumeRemovesSpecSuspendAndSucceedsEveryRunningSuspendNodeWithItsFinishTime() {
        ObjectNode patch = SuspendNodes.resumePatch(suspended(), NOW).orElseThrow();

        assertThat(patch).isEqualTo(json("""
                {'metadata': {'resourceVersion': '42'},
                 'spec': {'suspend': null},
                 'status': {'nodes': {
                   'wf-1': {'phase': 'Succeeded', 'message': null, 'finishedAt': '2026-01-01T10:00:05Z',
                            'outputs': {'parameters': [{'name': 'ok', 'value': 'yes'}, {'name': 'given', 'value': 'x'}]}},
                   'wf-2': {'phase': 'Succeeded', 'message': 'waiting for the gate; ',
                            'finishedAt': '2026-01-01T10:00:05Z'}}}}
                """));
    }

    @Test
    void resumeOfAWorkflowThatWaitsForNothingChangesNothing() {
        ObjectNode running = json("{'metadata': {'name': 'wf'}, 'status': {'phase': 'Running', 'nodes': {'wf':"
                + " {'type': 'Steps', 'phase': 'Running'}}}}");

        assertThat(SuspendNodes.resumePatch(running, NOW)).isEmpty();
    }

    @Test
    void resumeRefusesAnOutputParameterThatWaitsForAValueAndHasNoDefault() {
        ObjectNode wf = json("{'metadata': {'name': 'wf'}, 'status': {'nodes': {'a': {'type': 'Suspend', 'phase':"
                + " 'Running', 'outputs': {'parameters': [{'name': 'answer', 'valueFrom': {'supplied': {}}}]}}}}}");

        assertThatThrownBy(() -> SuspendNodes.resumePatch(wf, NOW)).isInstanceOf(CommandFailedException.class)
                .hasMessage("raw output parameter 'answer' has not been set and does not have a default value");
    }

    @Test
    void aNodeSelectorChangesOnlyTheMatchingRunningSuspendNodesAndLeavesSpecSuspend() {
        ObjectNode patch = SuspendNodes.selectedPatch(suspended(), NodeFieldSelector.parse("displayName=approve"),
                "Failed", "denied", NOW);

        assertThat(patch).isEqualTo(json("""
                {'metadata': {'resourceVersion': '42'},
                 'status': {'nodes': {'wf-1': {'phase': 'Failed', 'finishedAt': '2026-01-01T10:00:05Z',
                                               'message': 'denied'}}}}
                """));
    }

    @Test
    void aNodeSelectorThatMatchesNoRunningSuspendNodeIsAFailure() {
        assertThatThrownBy(() -> SuspendNodes.selectedPatch(suspended(), NodeFieldSelector.parse("displayName=done"),
                "Succeeded", "", NOW)).isInstanceOf(CommandFailedException.class)
                .hasMessage("no running suspend node of workflow wf matches --node-field-selector displayName=done");
    }

    @Test
    void nodeFieldSelectorsReadArgosNodeFields() {
        ObjectNode node = json("{'id': 'wf-1', 'name': 'wf[0].approve', 'displayName': 'approve', 'phase': 'Running',"
                + " 'templateName': 'wait', 'templateRef': {'name': 'lib', 'template': 'gate'},"
                + " 'inputs': {'parameters': [{'name': 'team', 'value': 'blue'}]}}");

        assertThat(NodeFieldSelector.parse("displayName=approve,phase==Running").matches(node)).isTrue();
        assertThat(NodeFieldSelector.parse("templateName=gate").matches(node)).as("a templateRef wins").isTrue();
        assertThat(NodeFieldSelector.parse("templateRef.name=lib,id=wf-1").matches(node)).isTrue();
        assertThat(NodeFieldSelector.parse("inputs.parameters.team.value=blue").matches(node)).isTrue();
        assertThat(NodeFieldSelector.parse("inputs.parameters.team.value!=blue").matches(node)).isFalse();
        assertThat(NodeFieldSelector.parse("name!=other").matches(node)).isTrue();
        assertThat(NodeFieldSelector.parse("unknown=").matches(node)).as("a missing field reads as empty").isTrue();
        assertThatThrownBy(() -> NodeFieldSelector.parse("approve")).isInstanceOf(UserInputException.class)
                .hasMessageContaining("cannot read 'approve'");
    }
}
