package dev.skiff.engine.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.config.WorkflowSource;
import dev.skiff.engine.core.TemplateLookupException;
import dev.skiff.engine.core.WorkflowTemplates;
import dev.skiff.engine.model.WorkflowTemplate;
import dev.skiff.testbed.Await;
import dev.skiff.testbed.TestNamespace;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The controller's template informers against a real kube-apiserver: templates created, changed and deleted after
 * the first list are seen through the watch, in the served namespace and at cluster scope.
 */
@Testbed
class TemplateInformersIT {

    @Test
    void templatesCreatedChangedAndDeletedAfterTheListAreSeenThroughTheWatch(TestbedCluster hub, TestNamespace ns)
            throws Exception {
        TestingWorkflows workflows = new TestingWorkflows(hub);
        KubeJson api = new KubeJson(TestingWorkflows.client(hub), Duration.ofMinutes(1));
        TemplateInformers informers = new TemplateInformers(List.of(new WorkflowSource("hub", List.of(ns.name()))),
                cluster -> api);
        List<Thread> threads = informers.watches().stream().map(w -> Thread.ofPlatform().daemon().start(w)).toList();
        String clusterName = "late-" + ns.name();
        try {
            informers.awaitSynced();
            WorkflowTemplates templates = informers.forCluster("hub");
            assertThat(templates.workflowTemplate(ns.name(), "late")).isEmpty();

            workflows.createObject(ns.name(), "workflowtemplates", WorkflowTemplate.KIND,
                    "metadata: {name: late}\nspec: {entrypoint: a, templates: [{name: a, container: {image: x}}]}");
            workflows.createObject("", "clusterworkflowtemplates", WorkflowTemplate.CLUSTER_KIND,
                    "metadata: {name: " + clusterName + "}\nspec: {templates: [{name: b, container: {image: y}}]}");
            Await.until("the WorkflowTemplate through the watch", TestingWorkflows.TIMEOUT,
                    () -> templates.workflowTemplate(ns.name(), "late").map(WorkflowTemplate::name));
            Await.until("the ClusterWorkflowTemplate through the watch", TestingWorkflows.TIMEOUT,
                    () -> templates.clusterWorkflowTemplate(clusterName).map(WorkflowTemplate::name));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> templates.workflowTemplate("other", "late"))
                    .as("another namespace is not served").isInstanceOf(TemplateLookupException.class)
                    .hasMessageContaining("namespace other is not served");

            api.patch("/apis/argoproj.io/v1alpha1/namespaces/" + ns.name() + "/workflowtemplates/late",
                    "{\"spec\":{\"entrypoint\":\"changed\"}}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Await.until("the changed WorkflowTemplate", TestingWorkflows.TIMEOUT,
                    () -> templates.workflowTemplate(ns.name(), "late")
                            .filter(t -> t.spec().entrypoint().equals("changed")));

            workflows.deleteObject(ns.name(), "workflowtemplates", "late");
            Await.until("the WorkflowTemplate gone", TestingWorkflows.TIMEOUT,
                    () -> templates.workflowTemplate(ns.name(), "late").isEmpty() ? Optional.of(true)
                            : Optional.empty());
        } finally {
            informers.close();
            for (Thread t : threads) {
                t.join(Duration.ofSeconds(10).toMillis());
            }
            workflows.deleteObject("", "clusterworkflowtemplates", clusterName);
        }
    }
}
