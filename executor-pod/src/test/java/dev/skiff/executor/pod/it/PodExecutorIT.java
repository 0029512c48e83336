package dev.skiff.executor.pod.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.executor.pod.PodExecutorFactory;
import dev.skiff.executor.pod.TestingRequests;
import dev.skiff.executor.pod.json.JsonTree;
import dev.skiff.executor.pod.kube.KubeApi;
import dev.skiff.spi.auth.BearerToken;
import dev.skiff.spi.auth.ClusterCredentials;
import dev.skiff.spi.auth.TokenSource;
import dev.skiff.spi.executor.StepExecutor;
import dev.skiff.spi.executor.StepOutcome;
import dev.skiff.spi.executor.StepPhase;
import dev.skiff.spi.executor.StepRequest;
import dev.skiff.testbed.Await;
import dev.skiff.testbed.TestNamespace;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pod executor against a real kube-apiserver (the testbed's hub; kwok plays the kubelet, so containers
 * "run" as the testbed's pod annotations say and nothing writes task results but the test itself).
 */
@Testbed
class PodExecutorIT {

    private TestingCluster hub;
    private String namespace;

    @BeforeEach
    void setUp(TestbedCluster cluster, TestNamespace ns) throws Exception {
        hub = new TestingCluster(cluster);
        hub.installArgoCrds();
        namespace = ns.name();
        hub.prepareExecutorAccount(namespace);
    }

    private StepExecutor executor() {
        return new PodExecutorFactory().create(hub.executorConfig(), new TestingExecutorContext(Map.of("hub",
                hub.credentials(hub.cluster.staticToken(TestbedCluster.ADMIN_USER)))));
    }

    private TestingRequests step(String workflow, String uid, String template) {
        return TestingRequests.of(template).workflow(workflow, uid).workflowPlace("hub", namespace)
                .target("hub", namespace).node(workflow, workflow, workflow);
    }

    private StepRequest request(String workflow, String uid, String template) {
        return step(workflow, uid, template).build();
    }

    private static String template(String script) {
        return TestingCluster.shellTemplate(script, "");
    }

    @Test
    void createsArgosPodOwnedByItsWorkflow() throws Exception {
        String uid = hub.createWorkflow(namespace, "wf-a");
        RecordingListener listener = new RecordingListener();
        try (StepExecutor executor = executor()) {
            executor.start(request("wf-a", uid, template("true")), listener);

            listener.awaitAny(TestingCluster.WAIT);
            Map<String, Object> pod = Await.until("pod wf-a", TestingCluster.WAIT, () -> hub.pod(namespace, "wf-a"));
            assertThat(JsonTree.object(JsonTree.at(pod, "metadata", "labels")))
                    .containsEntry("workflows.argoproj.io/workflow", "wf-a")
                    .containsEntry("workflows.argoproj.io/completed", "false");
            assertThat(JsonTree.object(JsonTree.at(pod, "metadata", "annotations")))
                    .containsEntry("workflows.argoproj.io/node-id", "wf-a")
                    .containsEntry("kubectl.kubernetes.io/default-container", "main");
            Map<String, Object> owner = JsonTree.object(JsonTree.list(JsonTree.at(pod, "metadata", "ownerReferences")).get(0));
            assertThat(owner).containsEntry("kind", "Workflow").containsEntry("uid", uid).containsEntry("controller", true);
            assertThat(names(JsonTree.at(pod, "spec", "containers"))).containsExactly("wait", "main");
            assertThat(names(JsonTree.at(pod, "spec", "initContainers"))).containsExactly("init");
            assertThat(listener.awaitDone(TestingCluster.WAIT).phase()).isEqualTo(StepPhase.SUCCEEDED);
        }
    }

    @Test
    void argosExecutorRunsTheStepAndItsTaskResultCarriesResultAndParameter() throws Exception {
        String uid = hub.createWorkflow(namespace, "wf-b");
        RecordingListener listener = new RecordingListener();
        String tmpl = TestingCluster.shellTemplate("echo hello; echo 42 > /tmp/out",
                "\"outputs\": {\"parameters\": [{\"name\": \"out\", \"valueFrom\": {\"path\": \"/tmp/out\"}}]},");
        try (StepExecutor executor = executor()) {
            executor.start(step("wf-b", uid, tmpl).includeResult().build(), listener);

            StepOutcome done = listener.awaitDone(TestingCluster.WAIT);
            assertThat(done.phase()).as(done.message()).isEqualTo(StepPhase.SUCCEEDED);
            assertThat(done.result()).contains("hello");
            assertThat(done.outputParameters()).containsEntry("out", "42");
            assertThat(done.exitCode()).hasValue(0);
            // pending (with Argo's reasons as they change), running, then done; never back, never the same twice
            assertThat(listener.phases()).endsWith(StepPhase.RUNNING, StepPhase.SUCCEEDED)
                    .containsOnlyOnce(StepPhase.RUNNING, StepPhase.SUCCEEDED);
            List<StepOutcome> all = listener.outcomes();
            for (int i = 1; i < all.size(); i++) {
                assertThat(all.get(i)).isNotEqualTo(all.get(i - 1));
            }
            // what the outputs came from: the wait container's task result, named after the node, completed
            Map<String, Object> result = hub.admin.get(KubeApi.collection("argoproj.io/v1alpha1", namespace,
                    "workflowtaskresults") + "/wf-b");
            assertThat(JsonTree.object(JsonTree.at(result, "metadata", "labels")))
                    .containsEntry("workflows.argoproj.io/report-outputs-completed", "true");
        }
    }

    @Test
    void anOffloadedTemplateReachesArgoexecThroughItsConfigMap() throws Exception {
        String uid = hub.createWorkflow(namespace, "wf-j");
        RecordingListener listener = new RecordingListener();
        // the script's source travels in ARGO_TEMPLATE: 140 kB of it is above Argo's 128 KiB limit
        String source = "# " + "x".repeat(140_000) + "\necho offloaded-ok\n";
        String tmpl = "{\"name\": \"main\", \"serviceAccountName\": \"" + TestingCluster.EXECUTOR_ACCOUNT + "\","
                + " \"script\": {\"image\": \"debian:stable-slim\", \"command\": [\"sh\"], \"source\": "
                + dev.skiff.executor.pod.json.GoJson.write(source) + "}}";
        try (StepExecutor executor = executor()) {
            executor.start(step("wf-j", uid, tmpl).includeResult().build(), listener);

            StepOutcome done = listener.awaitDone(TestingCluster.WAIT);
            assertThat(done.phase()).as(done.message()).isEqualTo(StepPhase.SUCCEEDED);
            assertThat(done.result()).contains("offloaded-ok");
            Map<String, Object> configMap = hub.admin.get(KubeApi.collection("v1", namespace, "configmaps") + "/wf-j");
            assertThat(JsonTree.object(configMap.get("data"))).containsKey("ARGO_TEMPLATE");
        }
    }

    @Test
    void aRawInputArtifactOnAVolumeIsPlacedByInitForMain() throws Exception {
        // the artifact's path is on a mounted volume: init writes it there through /mainctrfs (no sub-path mount)
        assertRawArtifactReachesMain("wf-k", "\"volumes\": [{\"name\": \"work\", \"emptyDir\": {}}],", "work");
    }

    @Test
    void aRawInputArtifactIsMountedIntoMainBySubPath() throws Exception {
        assertRawArtifactReachesMain("wf-l", "", null);
    }

    private void assertRawArtifactReachesMain(String workflow, String volumes, String mountedVolume) throws Exception {
        String uid = hub.createWorkflow(namespace, workflow);
        RecordingListener listener = new RecordingListener();
        String mounts = mountedVolume == null ? ""
                : ", \"volumeMounts\": [{\"name\": \"" + mountedVolume + "\", \"mountPath\": \"/work\"}]";
        String tmpl = "{\"name\": \"main\", \"serviceAccountName\": \"" + TestingCluster.EXECUTOR_ACCOUNT + "\", "
                + volumes + " \"inputs\": {\"artifacts\": [{\"name\": \"in\", \"path\": \"/work/in.txt\","
                + " \"raw\": {\"data\": \"from-raw\"}}]}, \"container\": {\"image\": \"debian:stable-slim\","
                + " \"command\": [\"cat\", \"/work/in.txt\"]" + mounts + "}}";
        try (StepExecutor executor = executor()) {
            executor.start(step(workflow, uid, tmpl).includeResult().build(), listener);

            StepOutcome done = listener.awaitDone(TestingCluster.WAIT);
            assertThat(done.phase()).as(done.message()).isEqualTo(StepPhase.SUCCEEDED);
            assertThat(done.result()).contains("from-raw");
        }
    }

    @Test
    void aFailingMainGivesArgosMessageAndExitCode() throws Exception {
        String uid = hub.createWorkflow(namespace, "wf-c");
        RecordingListener listener = new RecordingListener();
        try (StepExecutor executor = executor()) {
            executor.start(request("wf-c", uid, template("exit 3")), listener);

            StepOutcome done = listener.awaitDone(TestingCluster.WAIT);
            assertThat(done.phase()).isEqualTo(StepPhase.FAILED);
            assertThat(done.message()).isEqualTo("main: Error (exit code 3)");
            assertThat(done.exitCode()).hasValue(3);
        }
    }

    @Test
    void aMissingOutputFileIsTheWaitContainersError() throws Exception {
        String uid = hub.createWorkflow(namespace, "wf-g");
        RecordingListener listener = new RecordingListener();
        String tmpl = TestingCluster.shellTemplate("true",
                "\"outputs\": {\"parameters\": [{\"name\": \"out\", \"valueFrom\": {\"path\": \"/tmp/nope\"}}]},");
        try (StepExecutor executor = executor()) {
            executor.start(request("wf-g", uid, tmpl), listener);

            StepOutcome done = listener.awaitDone(TestingCluster.WAIT);
            assertThat(done.phase()).isEqualTo(StepPhase.ERROR);
            // argoexec's own words through the wait container's termination message (the core's MissingOutputFile
            // gives the same for local runs)
            assertThat(done.message()).isEqualTo("wait: Error (exit code 64): open /var/run/argo/outputs/parameters"
                    + "/tmp/nope: no such file or directory");
        }
    }

    @Test
    void theDeadlineEndsThePodWithKubernetesMessage() throws Exception {
        String uid = hub.createWorkflow(namespace, "wf-h");
        RecordingListener listener = new RecordingListener();
        try (StepExecutor executor = executor()) {
            executor.start(step("wf-h", uid, template("sleep 60")).deadline(Duration.ofSeconds(2)).build(), listener);

            StepOutcome done = listener.awaitDone(TestingCluster.WAIT);
            assertThat(done.phase()).isEqualTo(StepPhase.FAILED);
            assertThat(done.message()).isEqualTo("Pod was active on the node longer than the specified deadline");
        }
    }

    @Test
    void stopSignalsTheRunningContainersThroughExec() throws Exception {
        String uid = hub.createWorkflow(namespace, "wf-i");
        RecordingListener listener = new RecordingListener();
        try (StepExecutor executor = executor()) {
            StepRequest request = request("wf-i", uid, template("sleep 3600"));
            executor.start(request, listener);
            listener.await(StepPhase.RUNNING, TestingCluster.WAIT);

            executor.stop(request.ref(), "Stopped with strategy 'Stop'");

            StepOutcome done = listener.awaitDone(TestingCluster.WAIT);
            assertThat(done.phase()).isEqualTo(StepPhase.FAILED);
            assertThat(done.message()).isEqualTo("Stopped with strategy 'Stop'");
            // argoexec kill 15 1 in main: the emissary passed SIGTERM on to sleep
            Map<String, Object> pod = hub.pod(namespace, "wf-i").orElseThrow();
            Map<String, Object> main = JsonTree.list(JsonTree.at(pod, "status", "containerStatuses")).stream()
                    .map(JsonTree::object).filter(c -> "main".equals(c.get("name"))).findFirst().orElseThrow();
            assertThat(JsonTree.at(main, "state", "terminated", "exitCode")).isEqualTo(143L);
        }
    }

    @Test
    void aForbiddenCreateIsAnErrorWithTheServersMessage() throws Exception {
        String uid = hub.createWorkflow(namespace, "wf-d");
        String token = readOnlyServiceAccountToken("watcher");
        RecordingListener listener = new RecordingListener();
        try (StepExecutor executor = new PodExecutorFactory().create(hub.executorConfig(),
                new TestingExecutorContext(Map.of("hub", hub.credentials(token))))) {
            executor.start(request("wf-d", uid, template("true")), listener);

            StepOutcome done = listener.awaitDone(TestingCluster.WAIT);
            assertThat(done.phase()).isEqualTo(StepPhase.ERROR);
            // the API server's own words, as Argo reports them (a create is authorized before the name counts)
            assertThat(done.message()).isEqualTo("pods is forbidden: User \"system:serviceaccount:"
                    + namespace + ":watcher\" cannot create resource \"pods\" in API group \"\" in the namespace \""
                    + namespace + "\"");
            assertThat(done.message()).doesNotContain(token);
        }
    }

    @Test
    void aRejectedTokenIsRefreshedOnceAndTheRequestRetried() throws Exception {
        String uid = hub.createWorkflow(namespace, "wf-e");
        String good = hub.cluster.staticToken(TestbedCluster.ADMIN_USER);
        AtomicInteger refreshes = new AtomicInteger();
        AtomicReference<String> current = new AtomicReference<>("expired-token");
        TokenSource tokens = new TokenSource() {
            @Override
            public BearerToken token() {
                return new BearerToken(current.get(), Optional.empty());
            }

            @Override
            public BearerToken refresh() {
                refreshes.incrementAndGet();
                current.set(good);
                return token();
            }
        };
        ClusterCredentials credentials = new ClusterCredentials(hub.cluster.server(), hub.credentials(good).caBundle(),
                Optional.of(tokens), Optional.empty(), false);
        RecordingListener listener = new RecordingListener();
        try (StepExecutor executor = new PodExecutorFactory().create(hub.executorConfig(),
                new TestingExecutorContext(Map.of("hub", credentials)))) {
            executor.start(request("wf-e", uid, template("true")), listener);

            Await.until("pod wf-e", TestingCluster.WAIT, () -> hub.pod(namespace, "wf-e"));
            // the first requests (the two informers list at once) got a 401 each, refreshed and retried
            int afterFirst = refreshes.get();
            assertThat(afterFirst).isBetween(1, 2);

            executor.start(TestingRequests.of(template("true")).workflow("wf-e", uid).workflowPlace("hub", namespace)
                    .target("hub", namespace).node("wf-e.second", "wf-e-2", "wf-e-second").build(), listener);
            Await.until("pod wf-e-second", TestingCluster.WAIT, () -> hub.pod(namespace, "wf-e-second"));
            assertThat(refreshes.get()).as("no refresh while the token is good").isEqualTo(afterFirst);
        }
    }

    @Test
    void anIdentityThatCannotWatchPodsGetsAnErrorSayingSo() throws Exception {
        String uid = hub.createWorkflow(namespace, "wf-f");
        RecordingListener listener = new RecordingListener();
        // authenticated, but no RBAC rule names this user
        String token = hub.cluster.staticToken(TestbedCluster.PLAIN_USER);
        try (StepExecutor executor = new PodExecutorFactory().create(hub.executorConfig(),
                new TestingExecutorContext(Map.of("hub", hub.credentials(token))))) {
            executor.start(request("wf-f", uid, template("true")), listener);

            StepOutcome done = listener.awaitDone(TestingCluster.WAIT);
            assertThat(done.phase()).isEqualTo(StepPhase.ERROR);
            assertThat(done.message()).startsWith("cannot list ").contains("in namespace " + namespace
                    + " of cluster hub: ").contains("is forbidden: User \"skiff-user\" cannot list resource");
            assertThat(done.message()).doesNotContain(token);
        }
    }

    /** A service account that may watch pods and task results but create nothing; its token. */
    private String readOnlyServiceAccountToken(String name) throws Exception {
        String ns = namespace;
        hub.admin.create(KubeApi.collection("v1", ns, "serviceaccounts"), Map.of("metadata", Map.of("name", name)));
        hub.admin.create("/apis/rbac.authorization.k8s.io/v1/namespaces/" + ns + "/roles", Map.of(
                "metadata", Map.of("name", name),
                "rules", List.of(Map.of("apiGroups", List.of(""), "resources", List.of("pods"),
                                "verbs", List.of("get", "list", "watch")),
                        Map.of("apiGroups", List.of("argoproj.io"), "resources", List.of("workflowtaskresults"),
                                "verbs", List.of("get", "list", "watch")))));
        hub.admin.create("/apis/rbac.authorization.k8s.io/v1/namespaces/" + ns + "/rolebindings", Map.of(
                "metadata", Map.of("name", name),
                "roleRef", Map.of("apiGroup", "rbac.authorization.k8s.io", "kind", "Role", "name", name),
                "subjects", List.of(Map.of("kind", "ServiceAccount", "name", name, "namespace", ns))));
        Map<String, Object> request = hub.admin.create(KubeApi.collection("v1", ns, "serviceaccounts") + "/" + name
                + "/token", Map.of("apiVersion", "authentication.k8s.io/v1", "kind", "TokenRequest",
                "spec", Map.of("expirationSeconds", 3600)));
        return JsonTree.text(JsonTree.at(request, "status", "token"));
    }

    static List<String> names(Object list) {
        return JsonTree.list(list).stream().map(c -> JsonTree.text(JsonTree.object(c).get("name"))).toList();
    }

    static Map<String, Object> taskResult(String nodeId, String uid, String complete) {
        return Map.of("apiVersion", "argoproj.io/v1alpha1", "kind", "WorkflowTaskResult",
                "metadata", Map.of("name", nodeId, "labels", Map.of("workflows.argoproj.io/workflow", nodeId,
                        "workflows.argoproj.io/report-outputs-completed", complete),
                        "ownerReferences", List.of(Map.of("apiVersion", "argoproj.io/v1alpha1", "kind", "Workflow",
                                "name", nodeId, "uid", uid))));
    }

}
