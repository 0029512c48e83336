package dev.skiff.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * templateDefaults merged as Argo's mergedTemplateDefaultsInto does (a Kubernetes strategic merge patch
 * with the template as the patch). Expected results were checked against Kubernetes' strategicpatch
 * package run with Argo's Template type on the same inputs.
 */
class TemplateDefaultsMergeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode merge(String defaults, String template) throws Exception {
        ObjectNode d = (ObjectNode) JSON.readTree(defaults.replace('\'', '"'));
        ObjectNode t = (ObjectNode) JSON.readTree(template.replace('\'', '"'));
        JsonNode before = d.deepCopy();
        JsonNode merged = TemplateDefaultsMerge.merge(d, t);
        assertThat(d).as("defaults are not changed").isEqualTo(before);
        return merged;
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void containerEnvIsMergedByNameWithTheTemplatesVariablesFirst() throws Exception {
        JsonNode merged = merge("{'container': {'image': 'alpine', 'env': [{'name': 'STAGE', 'value': 'testing'}]}}",
                "{'name': 't', 'container': {'env': [{'name': 'OWN', 'value': 'mine'}]}}");
        assertThat(merged.get("container")).isEqualTo(json("{'image': 'alpine', 'env': "
                + "[{'name': 'OWN', 'value': 'mine'}, {'name': 'STAGE', 'value': 'testing'}]}"));
    }

    @Test
    void mergedListsKeepTheTemplatesOrderAndSlotTheDefaultsOwnItemsBeforeLaterOnes() throws Exception {
        JsonNode merged = merge("{'container': {'env': [{'name': 'A', 'value': '1'}, {'name': 'B', 'value': '2'}, "
                        + "{'name': 'C', 'value': '3'}, {'name': 'D'}]}}",
                "{'name': 't', 'container': {'image': 'x', 'env': [{'name': 'Z'}, {'name': 'B', 'value': 'x'}, "
                        + "{'name': 'D', 'value': 'y'}]}}");
        assertThat(merged.path("container").path("env")).isEqualTo(json("[{'name': 'Z'}, {'name': 'A', 'value': '1'}, "
                + "{'name': 'B', 'value': 'x'}, {'name': 'C', 'value': '3'}, {'name': 'D', 'value': 'y'}]"));
    }

    @Test
    void listsWithoutAMergeStrategyAreReplacedAndEmptyOnesLeaveTheDefault() throws Exception {
        assertThat(merge("{'container': {'args': ['a', 'b'], 'command': ['sh']}}",
                "{'name': 't', 'container': {'image': 'x', 'args': ['c']}}").get("container"))
                .isEqualTo(json("{'args': ['c'], 'command': ['sh'], 'image': 'x'}"));
        assertThat(merge("{'container': {'args': ['a']}}", "{'name': 't', 'container': {'image': 'x', 'args': []}}")
                .path("container").path("args")).isEqualTo(json("['a']"));
    }

    @Test
    void objectsMergeDeeplyAndOtherKeyedListsMergeOnTheirOwnKeys() throws Exception {
        JsonNode merged = merge("{'retryStrategy': {'limit': '3', 'retryPolicy': 'Always'}, "
                        + "'tolerations': [{'key': 'a', 'operator': 'Exists'}], "
                        + "'inputs': {'parameters': [{'name': 'a', 'value': '1'}, {'name': 'b', 'value': '2'}]}, "
                        + "'container': {'ports': [{'containerPort': 80, 'name': 'http'}], "
                        + "'resources': {'limits': {'cpu': '1', 'memory': '1Gi'}}}}",
                "{'name': 't', 'retryStrategy': {'limit': '1'}, 'tolerations': [{'key': 'b', 'operator': 'Exists'}], "
                        + "'inputs': {'parameters': [{'name': 'b', 'value': 'x'}]}, "
                        + "'container': {'image': 'x', 'ports': [{'containerPort': 80, 'protocol': 'TCP'}], "
                        + "'resources': {'limits': {'cpu': '2'}}}}");
        assertThat(merged.get("retryStrategy")).isEqualTo(json("{'limit': '1', 'retryPolicy': 'Always'}"));
        assertThat(merged.get("tolerations")).isEqualTo(json("[{'key': 'b', 'operator': 'Exists'}, "
                + "{'key': 'a', 'operator': 'Exists'}]"));
        assertThat(merged.path("inputs").path("parameters")).isEqualTo(json("[{'name': 'a', 'value': '1'}, "
                + "{'name': 'b', 'value': 'x'}]"));
        assertThat(merged.path("container").path("ports")).isEqualTo(json("[{'containerPort': 80, 'name': 'http', "
                + "'protocol': 'TCP'}]"));
        assertThat(merged.path("container").path("resources")).isEqualTo(json("{'limits': {'cpu': '2', 'memory': "
                + "'1Gi'}}"));
    }
}
