package dev.skiff.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.WorkflowPhase;
import dev.skiff.spi.executor.StepRequest;
import dev.skiff.spi.executor.StepTarget;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Skiff's {@code cluster}/{@code namespace} template fields: where each pod goes, inherited from Steps/DAG templates,
 * rendered like other fields, and checked after rendering.
 */
class StepPlacementTest {

    private static Map<String, StepTarget> targets(TestingRun run) {
        return run.started.stream().collect(Collectors.toMap(StepRequest::nodeName, r -> r.ref().target()));
    }

    @Test
    void aContainerTemplatesClusterAndNamespaceAreItsPodsTarget() {
        TestingRun run = TestingRun.run("""
                metadata: {name: placed}
                spec:
                  entrypoint: main
                  templates:
                  - name: main
                    cluster: spoke1
                    namespace: remote
                    container: {image: alpine, args: [hi]}
                """, new TestingSteps());

        assertThat(run.status.phase()).isEqualTo(WorkflowPhase.SUCCEEDED);
        assertThat(run.started.getFirst().ref().target()).isEqualTo(new StepTarget("spoke1", "remote"));
    }

    @Test
    void withoutFieldsTheTargetIsTheWorkflowsOwn() {
        TestingRun run = TestingRun.run("""
                metadata: {name: plain}
                spec:
                  entrypoint: main
                  templates:
                  - {name: main, container: {image: alpine}}
                """, new TestingSteps());

        assertThat(run.started.getFirst().ref().target()).isEqualTo(StepTarget.LOCAL);
    }

    @Test
    void stepsAndDagChildrenInheritEachFieldUnlessTheySetTheirOwn() {
        TestingRun run = TestingRun.run("""
                metadata: {name: inherit}
                spec:
                  entrypoint: main
                  templates:
                  - name: main
                    cluster: spoke1
                    namespace: team-a
                    steps:
                    - - {name: plain, template: leaf}
                      - {name: own-ns, template: own-namespace}
                      - {name: inner, template: dag}
                  - name: dag
                    cluster: spoke2
                    dag:
                      tasks:
                      - {name: deep, template: leaf}
                      - {name: elsewhere, template: own-both}
                  - {name: leaf, container: {image: alpine}}
                  - {name: own-namespace, namespace: team-b, container: {image: alpine}}
                  - {name: own-both, cluster: hub, namespace: argo, container: {image: alpine}}
                """, new TestingSteps());

        assertThat(run.status.phase()).isEqualTo(WorkflowPhase.SUCCEEDED);
        assertThat(targets(run)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "inherit[0].plain", new StepTarget("spoke1", "team-a"),
                "inherit[0].own-ns", new StepTarget("spoke1", "team-b"),
                "inherit[0].inner.deep", new StepTarget("spoke2", "team-a"),
                "inherit[0].inner.elsewhere", new StepTarget("hub", "argo")));
    }

    @Test
    void parametersAreRenderedInBothFields() {
        TestingRun run = TestingRun.run("""
                metadata: {name: params}
                spec:
                  entrypoint: main
                  arguments:
                    parameters: [{name: ns, value: tenant-x}]
                  templates:
                  - name: main
                    dag:
                      tasks:
                      - name: a
                        template: leaf
                        arguments: {parameters: [{name: c, value: spoke2}]}
                  - name: leaf
                    inputs: {parameters: [{name: c}]}
                    cluster: "{{inputs.parameters.c}}"
                    namespace: "{{workflow.parameters.ns}}"
                    container: {image: alpine}
                """, new TestingSteps());

        assertThat(run.started.getFirst().ref().target()).isEqualTo(new StepTarget("spoke2", "tenant-x"));
    }

    @Test
    void aRenderedValueThatIsNoNameFailsTheNodeAndStartsNothing() {
        for (String bad : new String[] {"../../secrets", "spoke1/api/v1", "{{unknown.tag}}", "Spoke1", "a b"}) {
            TestingRun run = TestingRun.run("""
                    metadata: {name: inject}
                    spec:
                      entrypoint: main
                      arguments:
                        parameters: [{name: c, value: 'BAD'}]
                      templates:
                      - name: main
                        cluster: "{{workflow.parameters.c}}"
                        container: {image: alpine}
                    """.replace("BAD", bad), new TestingSteps());

            assertThat(run.started).as(bad).isEmpty();
            assertThat(run.status.phase()).as(bad).isEqualTo(WorkflowPhase.ERROR);
            assertThat(run.node("inject").phase()).isEqualTo(NodePhase.ERROR);
            assertThat(run.node("inject").message()).as(bad).isEqualTo("template 'main': cluster '" + bad
                    + "' is not a valid cluster name: use lower-case letters, digits, '-' and '.', starting and"
                    + " ending with a letter or digit (at most 253 characters)");
        }
    }

    @Test
    void anInheritedNamespaceIsCheckedToo() {
        TestingRun run = TestingRun.run("""
                metadata: {name: badns}
                spec:
                  entrypoint: main
                  arguments:
                    parameters: [{name: ns, value: 'kube-system/secrets'}]
                  templates:
                  - name: main
                    namespace: "{{workflow.parameters.ns}}"
                    steps: [[{name: a, template: leaf}]]
                  - {name: leaf, container: {image: alpine}}
                """, new TestingSteps());

        assertThat(run.started).isEmpty();
        assertThat(run.node("a").phase()).isEqualTo(NodePhase.ERROR);
        assertThat(run.node("a").message()).startsWith("template 'main': namespace 'kube-system/secrets' is not a"
                + " valid namespace name");
    }

    @Test
    void stepRefsOfANodeFollowTheBoundaryChainForLiteralValues() {
        TestingRun run = TestingRun.run("""
                metadata: {name: refs}
                spec:
                  entrypoint: main
                  templates:
                  - name: main
                    cluster: spoke1
                    steps: [[{name: a, template: leaf}]]
                  - {name: leaf, namespace: remote, container: {image: alpine}}
                """, new TestingSteps());

        assertThat(StepRefs.of(run.workflow.spec(), "refs", run.node("a"), id -> run.status.nodes().get(id)).target())
                .isEqualTo(new StepTarget("spoke1", "remote"));
    }
}
