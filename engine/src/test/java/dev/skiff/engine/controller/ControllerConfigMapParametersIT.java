package dev.skiff.engine.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.testbed.Await;
import dev.skiff.testbed.TestNamespace;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code valueFrom.configMapKeyRef} parameters read through the controller's informer of ConfigMaps labelled
 * {@code workflows.argoproj.io/configmap-type} (Argo's {@code typedConfigMapInformer}): a ConfigMap created, changed
 * or unlabelled while the controller runs is seen through the watch, and each workflow started after the informer saw
 * it uses what it holds then. The conformance cases {@code configmap-params*} cover Argo's rules with ConfigMaps
 * that exist before the controller starts.
 */
@Testbed
class ControllerConfigMapParametersIT {

    private static final String TYPE = "workflows.argoproj.io/configmap-type";

    private static final String WORKFLOW = """
            metadata: {name: %s}
            spec:
              entrypoint: main
              arguments:
                parameters:
                  - {name: colour, valueFrom: {configMapKeyRef: {name: settings, key: colour}}}
              templates:
                - name: main
                  steps: [[{name: show, template: show}]]
                - name: show
                  inputs:
                    parameters:
                      - {name: shade, valueFrom: {configMapKeyRef: {name: settings, key: colour}}}
                  container: {image: alpine, command: [echo], args: ["{{workflow.parameters.colour}} {{inputs.parameters.shade}}"]}
            """;

    private Controller controller;

    @AfterEach
    void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    @Test
    void configMapsCreatedChangedAndUnlabelledWhileTheControllerRunsAreSeenByLaterWorkflows(TestbedCluster hub,
                                                                                         TestNamespace ns)
            throws Exception {
        TestingWorkflows workflows = new TestingWorkflows(hub);
        List<String> commands = new CopyOnWriteArrayList<>();
        TestingStepExecutor steps = new TestingStepExecutor().on("show", request -> {
            commands.add(String.join(" ", request.command().args()));
            return new TestingStepExecutor.Exit(0, Optional.empty());
        });
        controller = TestingControllers.start(hub, TestingControllers.config(ns.name(), ""), steps, "it", ns.name());
        Await.until("the controller to be ready", TestingWorkflows.TIMEOUT,
                () -> controller.ready() ? Optional.of(true) : Optional.empty());

        hub.kubectl("-n", ns.name(), "create", "configmap", "settings", "--from-literal=colour=blue");
        hub.kubectl("-n", ns.name(), "label", "configmap", "settings", TYPE + "=Parameter");
        awaitColour(ns.name(), Optional.of("blue"));
        workflows.create(ns.name(), WORKFLOW.formatted("first"));
        ObjectNode first = workflows.awaitFinished(ns.name(), "first");
        assertThat(TestingWorkflows.phase(first)).as(TestingWorkflows.message(first)).isEqualTo("Succeeded");
        assertThat(shade(first)).isEqualTo("blue");
        assertThat(commands).containsExactly("blue blue");

        hub.kubectl("-n", ns.name(), "patch", "configmap", "settings", "--type=merge", "-p",
                "{\"data\":{\"colour\":\"green\"}}");
        awaitColour(ns.name(), Optional.of("green"));
        workflows.create(ns.name(), WORKFLOW.formatted("second"));
        ObjectNode second = workflows.awaitFinished(ns.name(), "second");
        assertThat(shade(second)).isEqualTo("green");
        assertThat(commands).containsExactly("blue blue", "green green");
        assertThat(TestingWorkflows.node(first, "show").path("inputs").toString()).as("the first keeps its value")
                .contains("blue");

        // Without the label the informer no longer holds it (the watch reports it gone): Argo's message.
        hub.kubectl("-n", ns.name(), "label", "configmap", "settings", TYPE + "-");
        awaitColour(ns.name(), Optional.empty());
        workflows.create(ns.name(), WORKFLOW.formatted("third"));
        ObjectNode third = workflows.awaitFinished(ns.name(), "third");
        assertThat(TestingWorkflows.phase(third)).isEqualTo("Failed");
        assertThat(TestingWorkflows.message(third)).isEqualTo("failed to set global parameters: failed to set global"
                + " parameter colour from configmap with name settings and key colour: ConfigMap 'settings' does not"
                + " exist. Please make sure it has the label workflows.argoproj.io/configmap-type: Parameter to be"
                + " detectable by the controller");
    }

    /** Waits until the controller's informer holds {@code colour} for ConfigMap settings (or does not hold it). */
    private void awaitColour(String namespace, Optional<String> colour) {
        Await.until("the informer to hold colour " + colour, TestingWorkflows.TIMEOUT, () -> {
            Optional<String> held = controller.configMaps("hub").configMap(namespace, "settings")
                    .map(cm -> cm.data().get("colour"));
            return held.equals(colour) ? Optional.of(true) : Optional.empty();
        });
    }

    private static String shade(JsonNode wf) {
        for (JsonNode p : TestingWorkflows.node(wf, "show").path("inputs").path("parameters")) {
            if (p.path("name").asText().equals("shade")) {
                return p.path("value").asText();
            }
        }
        return "";
    }
}
