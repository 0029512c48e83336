package dev.skiff.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.model.WorkflowCodec;
import dev.skiff.spi.executor.StepTarget;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the controller records that pod nodes ran, and who reads it: a stop after the reconciler was rebuilt. */
class NodeTargetsTest {

    @Test
    void nodesAreGroupedByTargetWithTheWorkflowNameLeftOutAndReadBack() {
        NodeTargets record = NodeTargets.none("wf");
        assertThat(record.add("wf-1", new StepTarget("spoke1", "remote"))).isTrue();
        assertThat(record.add("wf-2", new StepTarget("", "shared"))).isTrue();
        assertThat(record.add("wf-3", new StepTarget("spoke1", "remote"))).isTrue();
        assertThat(record.add("wf", new StepTarget("spoke2", ""))).isTrue();
        assertThat(record.add("wf-4", StepTarget.LOCAL)).as("the workflow's own place is not recorded").isFalse();
        assertThat(record.add("wf-1", new StepTarget("spoke1", "remote"))).isFalse();

        assertThat(record.text()).isEqualTo("spoke1/remote:-1,-3;/shared:-2;spoke2/:wf");
        NodeTargets read = NodeTargets.of("wf", Map.of(NodeTargets.ANNOTATION, record.text()));
        assertThat(read.byNode()).containsExactlyInAnyOrderEntriesOf(record.byNode());
        assertThat(read.target("wf-2")).contains(new StepTarget("", "shared"));
        assertThat(read.target("wf-4")).isEmpty();
        assertThat(read.targets()).containsExactly(new StepTarget("spoke1", "remote"), new StepTarget("", "shared"),
                new StepTarget("spoke2", ""));
        assertThat(read.complete()).isTrue();
    }

    @Test
    void textThatIsNotARecordIsIgnored() {
        NodeTargets read = NodeTargets.of("wf", Map.of(NodeTargets.ANNOTATION, "garbage;a:b/c;x/y:;/z:-,-9"));
        assertThat(read.byNode()).containsExactly(Map.entry("wf-9", new StepTarget("", "z")));
    }

    @Test
    void theRecordStopsAtItsCapAndSaysItIsIncomplete() {
        NodeTargets record = NodeTargets.none("wf");
        int n = 0;
        while (record.complete()) {
            record.add("wf-" + (1_000_000_000L + n++), new StepTarget("spoke1", "remote"));
        }
        assertThat(record.text().length()).isLessThanOrEqualTo(NodeTargets.MAX_CHARS);
        assertThat(record.text()).endsWith(";...");
        assertThat(record.add("wf-9", new StepTarget("spoke1", "remote"))).isFalse();
        NodeTargets read = NodeTargets.of("wf", Map.of(NodeTargets.ANNOTATION, record.text()));
        assertThat(read.complete()).isFalse();
        assertThat(read.byNode()).hasSize(n - 1);
    }

    private static final String RUNNING_REMOTE = """
            metadata:
              name: remote-stop
              namespace: local
              annotations: {ANNOTATIONS}
            spec:
              entrypoint: main
              shutdown: Stop
              arguments: {parameters: [{name: c, value: spoke1}]}
              templates:
              - name: main
                cluster: "{{workflow.parameters.c}}"
                namespace: remote
                container: {image: alpine, command: [sleep, "600"]}
            status:
              phase: Running
              startedAt: "2026-01-01T00:00:00Z"
              nodes:
                remote-stop: {id: remote-stop, name: remote-stop, displayName: remote-stop, type: Pod,
                              templateName: main, phase: Running, startedAt: "2026-01-01T00:00:00Z"}
            """;

    private static StepTarget stoppedAt(String annotations) {
        WorkflowReconciler reconciler = WorkflowReconciler.of(WorkflowCodec.read(
                RUNNING_REMOTE.replace("{ANNOTATIONS}", annotations), "wf.yaml"));
        List<Decision> decisions = reconciler.reconcile(List.of(), Instant.parse("2026-01-01T00:01:00Z"))
                .decisions();
        return decisions.stream().filter(d -> d instanceof Decision.StopStep).map(d -> ((Decision.StopStep) d).ref())
                .findFirst().orElseThrow().target();
    }

    @Test
    void aStopDecidedByARebuiltReconcilerGoesWhereTheRecordSaysThePodRan() {
        // `skiff stop` changes the object: the controller rebuilds the reconciler, which stops the running step
        // before it renders any template; a cluster from a parameter is only known from the record.
        assertThat(stoppedAt("{skiff.dev/node-targets: 'spoke1/remote:remote-stop'}"))
                .isEqualTo(new StepTarget("spoke1", "remote"));
        assertThat(stoppedAt("{}")).as("without the record, only the literal namespace is known")
                .isEqualTo(new StepTarget("", "remote"));
    }
}
