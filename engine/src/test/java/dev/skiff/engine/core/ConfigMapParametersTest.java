package dev.skiff.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.WorkflowPhase;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code valueFrom.configMapKeyRef} parameters as Argo's controller reads them ({@code setGlobalParameters},
 * {@code substituteAndGetConfigMapValue}, {@code GetConfigMapValue}): from ConfigMaps labelled
 * {@code workflows.argoproj.io/configmap-type: Parameter} in the workflow's namespace, with Argo's messages, and
 * the {@code default} only where Argo takes it.
 */
class ConfigMapParametersTest {

    private static final Map<String, String> PARAMETER = Map.of("workflows.argoproj.io/configmap-type", "Parameter");

    /** ConfigMaps of namespace "" (a test workflow's): {@code settings} and {@code cache-typed}. */
    private static final ConfigMapStore STORE = (namespace, name) -> switch (namespace + "/" + name) {
        case "/settings" -> Optional.of(new ConfigMapStore.StoredConfigMap(PARAMETER,
                Map.of("colour", "blue", "size", "large")));
        case "/cache-typed" -> Optional.of(new ConfigMapStore.StoredConfigMap(
                Map.of("workflows.argoproj.io/configmap-type", "Cache"), Map.of("colour", "red")));
        default -> Optional.empty();
    };

    @Test
    void globalInputAndArgumentParametersAreReadFromTheConfigMap() {
        for (boolean rebuild : new boolean[] {false, true}) {
            TestingRun run = TestingRun.run("""
                    metadata: {name: cm}
                    spec:
                      entrypoint: main
                      arguments:
                        parameters:
                          - {name: cm, value: settings}
                          - {name: colour, valueFrom: {configMapKeyRef: {name: settings, key: colour}}}
                      templates:
                        - name: main
                          steps:
                            - - name: a
                                template: echo
                                arguments:
                                  parameters:
                                    - {name: size, valueFrom: {configMapKeyRef: {name: "{{workflow.parameters.cm}}", key: size}}}
                        - name: echo
                          inputs:
                            parameters:
                              - {name: size}
                              - {name: shade, valueFrom: {configMapKeyRef: {name: settings, key: colour}}}
                          container: {image: alpine, command: [echo, "{{workflow.parameters.colour}} {{inputs.parameters.size}} {{inputs.parameters.shade}}"]}
                    """, new TestingSteps(), STORE, rebuild);

            run.assertPhase(WorkflowPhase.SUCCEEDED);
            assertThat(run.started.getFirst().command().command()).containsExactly("echo", "blue large blue");
            NodeStatus a = run.node("a");
            assertThat(a.inputs().orElseThrow().parameter("size").orElseThrow().value()).contains("large");
        }
    }

    @Test
    void aMissingKeyOrConfigMapTakesTheDefaultButAConfigMapOfAnotherTypeDoesNot() {
        TestingRun run = TestingRun.run("""
                metadata: {name: cm}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - {name: key, template: echo, arguments: {parameters: [{name: x, valueFrom: {configMapKeyRef: {name: settings, key: nope}, default: d1}}]}}
                        - - {name: map, template: echo, arguments: {parameters: [{name: x, valueFrom: {configMapKeyRef: {name: nowhere, key: k}, default: d2}}]}}
                        - - {name: typed, template: echo, arguments: {parameters: [{name: x, valueFrom: {configMapKeyRef: {name: cache-typed, key: colour}, default: d3}}]}}
                    - name: echo
                      inputs: {parameters: [{name: x}]}
                      container: {image: alpine, command: [echo, "{{inputs.parameters.x}}"]}
                """, new TestingSteps(), STORE, false);

        assertThat(run.started).extracting(s -> s.command().command().get(1)).containsExactly("d1", "d2");
        assertThat(run.node("typed").phase()).isEqualTo(dev.skiff.engine.model.NodePhase.ERROR);
        assertThat(run.node("typed").message()).isEqualTo("unable to retrieve inputs.parameters.x from ConfigMap:"
                + " ConfigMap 'cache-typed' needs to have the label workflows.argoproj.io/configmap-type: Parameter"
                + " to load parameters");
    }

    @Test
    void withoutADefaultTheNodeErrorsWithArgosMessage() {
        TestingRun run = TestingRun.run("""
                metadata: {name: cm}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      inputs: {parameters: [{name: x, valueFrom: {configMapKeyRef: {name: settings, key: nope}}}]}
                      container: {image: alpine, command: [echo, "{{inputs.parameters.x}}"]}
                """, new TestingSteps(), STORE, false);

        assertThat(run.started).isEmpty();
        assertThat(run.nodeByName("cm").message()).isEqualTo("unable to retrieve inputs.parameters.x from"
                + " ConfigMap: ConfigMap 'settings' does not have the key 'nope'");
    }

    @Test
    void aGlobalParameterWithoutValueFailsTheWorkflowUnlessItHasADefault() {
        String yaml = """
                metadata: {name: cm}
                spec:
                  entrypoint: main
                  arguments:
                    parameters:
                      - {name: p, valueFrom: {configMapKeyRef: {name: cache-typed, key: colour}%s}}
                  templates:
                    - name: main
                      container: {image: alpine, command: [echo, "{{workflow.parameters.p}}"]}
                """;
        TestingRun failed = TestingRun.run(yaml.formatted(""), new TestingSteps(), STORE, false);
        failed.assertPhase(WorkflowPhase.FAILED);
        assertThat(failed.status.message()).isEqualTo("failed to set global parameters: failed to set global"
                + " parameter p from configmap with name cache-typed and key colour: ConfigMap 'cache-typed' needs to"
                + " have the label workflows.argoproj.io/configmap-type: Parameter to load parameters");
        assertThat(failed.started).isEmpty();

        TestingRun defaulted = TestingRun.run(yaml.formatted(", default: plain"), new TestingSteps(), STORE, false);
        defaulted.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(defaulted.started.getFirst().command().command()).containsExactly("echo", "plain");
    }
}
