package dev.skiff.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The workflows of {@code examples/workflow-templates/} through {@code bin/skiff controller} with real argoexec
 * pods: the templates are created with {@code bin/skiff template create} and {@code cluster-template create}, each
 * workflow is submitted with {@code submit --wait -o json} (and one with {@code submit --from workflowtemplate/NAME})
 * and ends as {@code bin/skiff run FILE --templates DIR -o json} ends it: exit code, phase, node tree and
 * {@code storedTemplates} keys.
 */
@Testbed
class ControllerTemplateExamplesIT {

    private static final Path OUT = Path.of("target/controller-template-examples").toAbsolutePath();
    private static final String NAMESPACE = "skiff-template-examples";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestbedCluster hub;
    private TestingSkiffController controller;
    private Map<String, String> env;

    @Test
    void theTemplateExamplesEndThroughTheControllerAsSkiffRunEndsThem(TestbedCluster hub) throws Exception {
        this.hub = hub;
        Path examples = TestingLauncher.home().resolve("examples/workflow-templates");
        String library = examples.resolve("library.yaml").toString();
        TestingSkiffController.createNamespace(hub, NAMESPACE);
        TestingSkiffController.prepareNamespace(hub, NAMESPACE);
        Path home = Files.createDirectories(OUT.resolve("home"));
        env = Map.of("KUBECONFIG", hub.kubeconfig().toString(), "HOME", home.toString());
        TestingLauncher.Result templates = TestingLauncher.run(env, "template", "create", library, "-n", NAMESPACE,
                "-o", "name");
        assertThat(templates.exitCode()).as(templates.stderr()).isZero();
        assertThat(templates.stdout().lines()).containsExactly("print-message", "inner-steps", "submittable");
        TestingLauncher.Result clusterTemplates = TestingLauncher.run(env, "cluster-template", "create", library,
                "-o", "name");
        assertThat(clusterTemplates.exitCode()).as(clusterTemplates.stderr()).isZero();
        controller = TestingSkiffController.start(hub, NAMESPACE, OUT);

        for (String file : List.of("steps.yaml", "dag.yaml", "workflow-template-ref.yaml",
                "workflow-template-ref-with-entrypoint.yaml")) {
            String path = examples.resolve(file).toString();
            compare(file, TestingLauncher.run(Map.of(), "run", path, "--templates", examples.toString(), "-o",
                    "json"), TestingLauncher.run(env, "submit", path, "-n", NAMESPACE, "--wait", "-o", "json"));
        }
        compare("--from workflowtemplate/submittable", TestingLauncher.run(Map.of(), "run", "--from",
                "workflowtemplate/submittable", "--templates", examples.toString(), "-p", "message=hi", "-o", "json"),
                TestingLauncher.run(env, "submit", "--from", "workflowtemplate/submittable", "-n", NAMESPACE, "-p",
                        "message=hi", "--wait", "-o", "json"));
    }

    private static void compare(String what, TestingLauncher.Result run, TestingLauncher.Result submit)
            throws Exception {
        assertThat(run.exitCode()).as("%s: skiff run; stderr:%n%s", what, run.stderr()).isZero();
        assertThat(submit.stdout()).as("%s: submit --wait -o json printed no Workflow; stderr:%n%s", what,
                submit.stderr()).startsWith("{");
        JsonNode local = JSON.readTree(run.stdout());
        JsonNode cluster = JSON.readTree(submit.stdout());
        assertThat(submit.exitCode()).as("%s: exit code of submit --wait; stderr:%n%s", what, submit.stderr())
                .isEqualTo(run.exitCode());
        assertThat(cluster.path("status").path("phase").asText()).as(what).isEqualTo("Succeeded");
        assertThat(shape(cluster)).as(what).isEqualTo(shape(local));
        assertThat(keys(cluster.path("status").path("storedTemplates"))).as(what)
                .isEqualTo(keys(local.path("status").path("storedTemplates")));
        assertThat(cluster.path("status").has("storedWorkflowTemplateSpec")).as(what)
                .isEqualTo(local.path("status").has("storedWorkflowTemplateSpec"));
    }

    /** Each node as {@code name-below-the-workflow type phase templateRef}, sorted. */
    private static TreeSet<String> shape(JsonNode wf) {
        String name = wf.path("metadata").path("name").asText();
        TreeSet<String> nodes = new TreeSet<>();
        for (JsonNode node : wf.path("status").path("nodes")) {
            String nodeName = node.path("name").asText();
            String below = nodeName.startsWith(name) ? "<wf>" + nodeName.substring(name.length()) : nodeName;
            nodes.add(below + " " + node.path("type").asText() + " " + node.path("phase").asText() + " "
                    + node.path("templateRef").toString());
        }
        return nodes;
    }

    private static TreeSet<String> keys(JsonNode object) {
        TreeSet<String> out = new TreeSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @AfterEach
    void stopTheController() throws Exception {
        if (env != null) {
            for (String name : List.of("cluster-inner-dag", "cluster-print")) {
                TestingLauncher.run(env, "cluster-template", "delete", name);
            }
        }
        if (controller == null) {
            return;
        }
        TestingLauncher.Result stopped = controller.stop();
        hub.kubectl("delete", "namespace", NAMESPACE, "--wait=false");
        assertThat(stopped.exitCode()).as("the controller's exit code after SIGTERM; log: %s", controller.log())
                .isZero();
    }
}
