package dev.skiff.executor.pod.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.executor.pod.json.GoJson;
import dev.skiff.executor.pod.json.JsonTree;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Expected results are what k8s.io/apimachinery v0.34.4 {@code strategicpatch.StrategicMergePatch(original,
 * patch, corev1.PodSpec{})} returns for the same inputs (run once by hand; facts, not code).
 */
class StrategicMergeTest {

    @Test
    void aContainerMergesByNameAndKeepsItsPlace() {
        assertMerge("""
                {"containers":[{"name":"wait","image":"e"},{"name":"main","image":"m","env":[{"name":"A","value":"1"}]}],
                 "volumes":[{"name":"var-run-argo","emptyDir":{}}]}""",
                """
                {"containers":[{"name":"main","resources":{"limits":{"memory":"100Mi"}}}]}""",
                """
                {"containers":[{"image":"e","name":"wait"},{"env":[{"name":"A","value":"1"}],"image":"m","name":"main",
                 "resources":{"limits":{"memory":"100Mi"}}}],"volumes":[{"emptyDir":{},"name":"var-run-argo"}]}""");
    }

    @Test
    void aNewContainerGoesFirst() {
        assertMerge("""
                {"containers":[{"name":"wait","image":"e"},{"name":"main","image":"m"}]}""",
                """
                {"containers":[{"name":"extra","image":"x"}]}""",
                """
                {"containers":[{"image":"x","name":"extra"},{"image":"e","name":"wait"},{"image":"m","name":"main"}]}""");
    }

    @Test
    void aNewContainerAfterAPatchedOneFollowsIt() {
        assertMerge("""
                {"containers":[{"name":"wait","image":"e"},{"name":"main","image":"m"}]}""",
                """
                {"containers":[{"name":"main","image":"m2"},{"name":"extra","image":"x"}]}""",
                """
                {"containers":[{"image":"e","name":"wait"},{"image":"m2","name":"main"},{"image":"x","name":"extra"}]}""");
    }

    @Test
    void envMergesByNameInPatchOrderThenTheRest() {
        assertMerge("""
                {"containers":[{"name":"wait","image":"e"},
                 {"name":"main","image":"m","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]}]}""",
                """
                {"containers":[{"name":"main","env":[{"name":"C","value":"3"},{"name":"A","value":"9"}]}]}""",
                """
                {"containers":[{"image":"e","name":"wait"},{"env":[{"name":"C","value":"3"},{"name":"A","value":"9"},
                 {"name":"B","value":"2"}],"image":"m","name":"main"}]}""");
    }

    @Test
    void deleteDirectiveRemovesByKeyAndListsWithoutKeyAreReplaced() {
        assertMerge("""
                {"volumes":[{"name":"a","emptyDir":{}},{"name":"b","emptyDir":{}}],"tolerations":[{"key":"x"}]}""",
                """
                {"volumes":[{"name":"a","$patch":"delete"}],"tolerations":[{"key":"y"}]}""",
                """
                {"tolerations":[{"key":"y"}],"volumes":[{"emptyDir":{},"name":"b"}]}""");
    }

    @Test
    void nullDeletesAField() {
        // Argo's TestPodSpecPatch: the template's patch drops what the workflow's added
        assertMerge("""
                {"containers":[{"name":"main","securityContext":{"runAsNonRoot":true,"capabilities":{"drop":["ALL"]}}}]}""",
                """
                {"containers":[{"name":"main","securityContext":{"capabilities":{"add":["ALL"],"drop":null}}}]}""",
                """
                {"containers":[{"name":"main","securityContext":{"capabilities":{"add":["ALL"]},"runAsNonRoot":true}}]}""");
    }

    @Test
    void replaceDirectiveReplacesAMapAndAList() {
        assertMerge("""
                {"containers":[{"name":"wait"},{"name":"main"}],"nodeSelector":{"a":"1"}}""",
                """
                {"nodeSelector":{"$patch":"replace","b":"2"},"containers":[{"$patch":"replace"},{"name":"only"}]}""",
                """
                {"containers":[{"name":"only"}],"nodeSelector":{"b":"2"}}""");
    }

    @Test
    void anElementWithoutItsMergeKeyIsRefused() {
        assertThatThrownBy(() -> StrategicMerge.podSpec(tree("{\"containers\":[{\"name\":\"main\"}]}"),
                tree("{\"containers\":[{\"image\":\"x\"}]}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not contain declared merge key: name");
    }

    @Test
    void setElementOrderIsRefusedNotIgnored() {
        assertThatThrownBy(() -> StrategicMerge.podSpec(tree("{\"containers\":[{\"name\":\"main\"}]}"),
                tree("{\"$setElementOrder/containers\":[{\"name\":\"main\"}]}")))
                .hasMessageContaining("$setElementOrder directive is not supported");
    }

    private static void assertMerge(String original, String patch, String expected) {
        Map<String, Object> merged = StrategicMerge.podSpec(tree(original), tree(patch));
        // Gson compares arrays in order and objects by their entries: list order counts, key order does not
        assertThat(JsonTree.toGson(merged)).isEqualTo(JsonTree.toGson(GoJson.read(expected)));
    }

    private static Map<String, Object> tree(String json) {
        return JsonTree.copyObject(GoJson.read(json));
    }
}
