package dev.skiff.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowCodec;
import dev.skiff.spi.executor.StepRequest;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What a pod inherits from its workflow and its boundary template (Argo's workflowpod.go: createWorkflowPod,
 * processPodSpecPatch, addSchedulingConstraints), as the request's pod fields carry it to the executor.
 */
class PodLauncherTest {

    private static List<StepRequest> first(String yaml) {
        Workflow wf = WorkflowAdmission.admit(WorkflowCodec.read(yaml, "w.yaml"), Map.of(), TestingRun.T0,
                new Random(1));
        return WorkflowReconciler.of(wf).reconcile(List.of(), TestingRun.T0).decisions().stream()
                .filter(d -> d instanceof Decision.StartStep).map(d -> ((Decision.StartStep) d).request()).toList();
    }

    @Test
    void hostAliasesAreTheWorkflowsFollowedByTheTemplates() {
        StepRequest r = first("""
                metadata: {name: aliases}
                spec:
                  entrypoint: main
                  hostAliases: [{ip: 10.0.0.1, hostnames: [wf]}]
                  templates:
                  - name: main
                    hostAliases: [{ip: 10.0.0.2, hostnames: [tmpl]}]
                    container: {image: alpine}
                """).getFirst();

        assertThat(r.podSpec().get("hostAliases")).isEqualTo(List.of(
                Map.of("ip", "10.0.0.1", "hostnames", List.of("wf")),
                Map.of("ip", "10.0.0.2", "hostnames", List.of("tmpl"))));
    }

    @Test
    void theWorkflowsPodSpecPatchComesBeforeTheTemplatesAndAloneStaysOneString() {
        String both = """
                metadata: {name: patches}
                spec:
                  entrypoint: main
                  podSpecPatch: '{"terminationGracePeriodSeconds": 3}'
                  templates:
                  - name: main
                    podSpecPatch: '{"terminationGracePeriodSeconds": 7}'
                    container: {image: alpine}
                """;
        assertThat(first(both).getFirst().podSpec().get("podSpecPatch")).isEqualTo(List.of(
                "{\"terminationGracePeriodSeconds\": 3}", "{\"terminationGracePeriodSeconds\": 7}"));
        String workflowOnly = both.replace("    podSpecPatch: '{\"terminationGracePeriodSeconds\": 7}'\n", "");
        assertThat(first(workflowOnly).getFirst().podSpec().get("podSpecPatch"))
                .isEqualTo("{\"terminationGracePeriodSeconds\": 3}");
    }

    @Test
    void theWorkflowsPodPriorityClassNameIsPassedUnderItsOwnName() {
        StepRequest r = first("""
                metadata: {name: prio}
                spec:
                  entrypoint: main
                  podPriorityClassName: high
                  templates:
                  - {name: main, container: {image: alpine}}
                """).getFirst();

        assertThat(r.podSpec()).containsEntry("podPriorityClassName", "high").doesNotContainKey("priorityClassName");
    }

    @Test
    void schedulingFieldsComeFromTheTemplateElseItsBoundaryTemplateElseTheWorkflow() {
        List<StepRequest> requests = first("""
                metadata: {name: sched}
                spec:
                  entrypoint: main
                  nodeSelector: {from: workflow}
                  tolerations: [{key: wf, operator: Exists}]
                  affinity: {nodeAffinity: {}}
                  templates:
                  - name: main
                    nodeSelector: {from: boundary}
                    tolerations: []
                    steps:
                    - - {name: plain, template: plain}
                      - {name: own, template: own}
                  - name: plain
                    container: {image: alpine}
                  - name: own
                    nodeSelector: {from: template}
                    container: {image: alpine}
                """);
        Map<String, Object> plain = requests.stream().filter(r -> r.templateName().equals("plain")).findFirst()
                .orElseThrow().podSpec();
        Map<String, Object> own = requests.stream().filter(r -> r.templateName().equals("own")).findFirst()
                .orElseThrow().podSpec();

        assertThat(plain.get("nodeSelector")).isEqualTo(Map.of("from", "boundary"));
        assertThat(plain.get("tolerations")).isEqualTo(List.of(Map.of("key", "wf", "operator", "Exists")));
        assertThat(plain.get("affinity")).isEqualTo(Map.of("nodeAffinity", Map.of()));
        assertThat(own.get("nodeSelector")).isEqualTo(Map.of("from", "template"));
    }

    @Test
    void podsCarryArgosPodGcStrategyAnnotationWhenTheWorkflowHasAPodGc() {
        String yaml = """
                metadata: {name: gc}
                spec:
                  entrypoint: main
                  podGC: {strategy: OnPodSuccess%s}
                  templates:
                  - {name: main, container: {image: alpine}}
                """;
        assertThat(first(yaml.formatted("")).getFirst().annotations())
                .containsEntry("workflows.argoproj.io/pod-gc-strategy", "OnPodSuccess/5s");
        assertThat(first(yaml.formatted(", deleteDelayDuration: 90s")).getFirst().annotations())
                .containsEntry("workflows.argoproj.io/pod-gc-strategy", "OnPodSuccess/1m30s");
        assertThat(first(yaml.replace("  podGC: {strategy: OnPodSuccess%s}\n", "")).getFirst().annotations())
                .doesNotContainKey("workflows.argoproj.io/pod-gc-strategy");
    }
}
