package dev.skiff.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.cluster.ClusterApiClients;
import dev.skiff.engine.config.ControllerConfigReader;
import dev.skiff.engine.kube.KubeResources;
import dev.skiff.engine.kube.KubeRest;
import dev.skiff.spi.auth.BearerToken;
import dev.skiff.spi.auth.ClusterCredentials;
import dev.skiff.spi.auth.TokenSource;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import dev.skiff.testbed.TestNamespace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distribution's manifests/ against a real kube-apiserver, and the image recipe against the zip. */
@Testbed
class ManifestsIT {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String CONTROLLER = "system:serviceaccount:skiff:skiff-controller";

    @TempDir
    Path dir;

    private Path manifests;

    @BeforeEach
    void setUp(TestbedCluster hub) {
        manifests = TestingLauncher.home().resolve("manifests");
        hub.kubectl("apply", "-f", manifests.resolve("crds.yaml").toString());
        hub.kubectl("wait", "--for=condition=established", "--timeout=60s", "crd/workflows.argoproj.io",
                "crd/workflowtaskresults.argoproj.io");
    }

    @Test
    void everyManifestPassesAServerSideDryRun(TestbedCluster hub, TestNamespace ns) throws IOException {
        // a dry run creates no namespace, so the objects that live in `skiff` need it to exist
        ensureNamespace(hub, "skiff");
        List<Path> files;
        try (Stream<Path> list = Files.walk(manifests)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).extracting(p -> manifests.relativize(p).toString())
                .containsExactly("crds.yaml", "executor-rbac.yaml", "hub/install.yaml", "install.yaml",
                        "spoke/controller-rbac.yaml");

        for (Path file : files) {
            // executor-rbac.yaml is applied per workflow namespace; the others name their namespaces
            String out = file.endsWith("executor-rbac.yaml")
                    ? hub.kubectl("apply", "--dry-run=server", "-n", ns.name(), "-f", file.toString())
                    : hub.kubectl("apply", "--dry-run=server", "-f", file.toString());
            assertThat(out).as(manifests.relativize(file).toString()).contains("(server dry run)");
            assertThat(out.lines().count()).isEqualTo(documents(file).size());
        }
    }

    @Test
    void theCrdsAreArgosMinimalSetWithTheirShortNamesAndTheAgentsStatusSubresource(TestbedCluster hub,
            TestNamespace ns) throws IOException {
        hub.kubectl("wait", "--for=condition=established", "--timeout=60s", "crd/workflowtasksets.argoproj.io",
                "crd/workflowartifactgctasks.argoproj.io", "crd/workfloweventbindings.argoproj.io");
        String resources = hub.kubectl("api-resources", "--api-group=argoproj.io", "--no-headers");
        for (String kind : List.of("workflows +wf ", "workflowtaskresults +argoproj", "workflowtemplates +wftmpl ",
                "clusterworkflowtemplates +clusterwftmpl,cwft ", "cronworkflows +cwf,cronwf ",
                "workflowtasksets +wfts ", "workflowartifactgctasks +wfat ", "workfloweventbindings +wfeb ")) {
            assertThat(resources).as(kind).containsPattern("(?m)^" + kind);
        }
        assertThat(resources.lines()).hasSize(8);

        // Argo's agent writes a task set's results through the status subresource: a write of the object leaves
        // status alone, a write of the subresource sets it.
        Path taskSet = Files.writeString(dir.resolve("wfts.yaml"), """
                apiVersion: argoproj.io/v1alpha1
                kind: WorkflowTaskSet
                metadata: {name: wf-1}
                spec: {tasks: {n1: {name: http, http: {url: "http://example.com"}}}}
                status: {nodes: {n1: {phase: Succeeded}}}
                """);
        hub.kubectl("-n", ns.name(), "create", "-f", taskSet.toString());
        assertThat(hub.kubectl("-n", ns.name(), "get", "wfts", "wf-1", "-o", "jsonpath={.status}")).isEmpty();
        hub.kubectl("-n", ns.name(), "patch", "wfts", "wf-1", "--subresource=status", "--type=merge", "-p",
                "{\"status\":{\"nodes\":{\"n1\":{\"phase\":\"Succeeded\"}}}}");
        assertThat(hub.kubectl("-n", ns.name(), "get", "wfts", "wf-1", "-o",
                "jsonpath={.spec.tasks.n1.http.url} {.status.nodes.n1.phase}"))
                .isEqualTo("http://example.com Succeeded");
    }

    @Test
    void theControllersRolesAllowWhatItDoesAndNoMore(TestbedCluster hub, TestNamespace ns) throws IOException {
        ensureNamespace(hub, "skiff");
        hub.kubectl("apply", "-f", manifests.resolve("install.yaml").toString());

        for (String allowed : List.of("watch workflows.argoproj.io", "update workflows.argoproj.io",
                "patch workflows.argoproj.io", "create workflows.argoproj.io",
                "deletecollection workflowtaskresults.argoproj.io", "delete workflowtaskresults.argoproj.io",
                "watch workflowtaskresults.argoproj.io", "create pods", "delete pods", "patch pods", "watch pods",
                "create pods/exec", "get pods/exec", "get pods/log", "create configmaps", "create events",
                "watch workflowtemplates.argoproj.io", "list clusterworkflowtemplates.argoproj.io",
                "watch clusterworkflowtemplates.argoproj.io", "watch cronworkflows.argoproj.io",
                "patch cronworkflows.argoproj.io", "delete workflows.argoproj.io")) {
            assertThat(canI(hub, CONTROLLER, ns.name(), allowed)).as(allowed + " in " + ns.name()).isTrue();
        }
        for (String allowed : List.of("create leases.coordination.k8s.io", "update leases.coordination.k8s.io",
                "get secrets")) {
            assertThat(canI(hub, CONTROLLER, "skiff", allowed)).as(allowed + " in skiff").isTrue();
        }
        assertThat(canI(hub, CONTROLLER, ns.name(), "get secrets")).as("secrets of workflow namespaces").isFalse();
        assertThat(canI(hub, CONTROLLER, ns.name(), "create workflowtaskresults.argoproj.io"))
                .as("task results are the executor's to write").isFalse();
        assertThat(canI(hub, CONTROLLER, ns.name(), "create workflowtemplates.argoproj.io"))
                .as("templates are the users' to write").isFalse();
        assertThat(canI(hub, CONTROLLER, ns.name(), "create cronworkflows.argoproj.io"))
                .as("CronWorkflows are the users' to create").isFalse();
    }

    @Test
    void theExecutorRoleLetsArgoexecCreateAndPatchItsTaskResultAndNothingElse(TestbedCluster hub, TestNamespace ns)
            throws IOException {
        // argoexec creates and merge-patches without reading first (workflow/executor/taskresult.go)
        hub.kubectl("apply", "-n", ns.name(), "-f", manifests.resolve("executor-rbac.yaml").toString());
        String executor = "system:serviceaccount:" + ns.name() + ":default";
        assertThat(canI(hub, executor, ns.name(), "create workflowtaskresults.argoproj.io")).isTrue();
        assertThat(canI(hub, executor, ns.name(), "patch workflowtaskresults.argoproj.io")).isTrue();
        assertThat(canI(hub, executor, ns.name(), "get workflows.argoproj.io")).isFalse();
        assertThat(canI(hub, executor, ns.name(), "create pods")).isFalse();

        // what argoexec does with the pod's token: create the node's task result, then merge-patch it
        String token = hub.kubectl("-n", ns.name(), "create", "token", "default", "--duration=10m").strip();
        TokenSource tokens = new TokenSource() {
            @Override
            public BearerToken token() {
                return new BearerToken(token, Optional.empty());
            }

            @Override
            public BearerToken refresh() {
                return token();
            }
        };
        KubeResources results = new KubeResources(new KubeRest(ClusterApiClients.create(new ClusterCredentials(
                hub.server(), Optional.of(hub.caCertificatePem().getBytes(StandardCharsets.US_ASCII)),
                Optional.of(tokens), Optional.empty(), false))), "apis/argoproj.io/v1alpha1", "workflowtaskresults");
        ObjectMapper json = new ObjectMapper();
        results.create(ns.name(), (ObjectNode) json.readTree("""
                {"apiVersion": "argoproj.io/v1alpha1", "kind": "WorkflowTaskResult",
                 "metadata": {"name": "wf-1234", "labels": {"workflows.argoproj.io/workflow": "wf",
                   "workflows.argoproj.io/report-outputs-completed": "false"}},
                 "outputs": {"parameters": [{"name": "o", "value": "hello"}], "result": "hello"}}
                """));
        results.mergePatch(ns.name(), "wf-1234", (ObjectNode) json.readTree("""
                {"metadata": {"labels": {"workflows.argoproj.io/report-outputs-completed": "true"}},
                 "progress": "1/1"}
                """));

        JsonNode stored = new ObjectMapper().readTree(hub.kubectl("-n", ns.name(), "get", "workflowtaskresult",
                "wf-1234", "-o", "json"));
        assertThat(stored.path("outputs").path("parameters").get(0).path("value").asText()).isEqualTo("hello");
        assertThat(stored.path("progress").asText()).isEqualTo("1/1");
        assertThat(stored.path("metadata").path("labels").path("workflows.argoproj.io/report-outputs-completed")
                .asText()).isEqualTo("true");
    }

    @Test
    void theDeploymentRunsTheControllerWithTheConfigMapsConfigFromTheImageTheDockerfileBuilds() throws Exception {
        List<JsonNode> install = documents(manifests.resolve("install.yaml"));
        JsonNode deployment = install.stream().filter(d -> d.path("kind").asText().equals("Deployment")).findFirst()
                .orElseThrow();
        JsonNode configMap = install.stream().filter(d -> d.path("kind").asText().equals("ConfigMap")).findFirst()
                .orElseThrow();
        JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
        String version = version();

        assertThat(container.path("image").asText()).isEqualTo("skiff:" + version);
        assertThat(container.path("args").toString()).isEqualTo("[\"controller\",\"--config\","
                + "\"/etc/skiff/controller.yaml\"]");
        assertThat(container.path("volumeMounts").toString()).contains("\"mountPath\":\"/etc/skiff\"");
        // what the controller reads: its namespace (ClusterSetup) and its identity in the Lease (Controller)
        assertThat(container.path("env").findValuesAsText("name")).contains("POD_NAMESPACE", "POD_NAME");
        Path config = Files.writeString(dir.resolve("controller.yaml"),
                configMap.path("data").path("controller.yaml").asText());
        assertThat(ControllerConfigReader.read(config).workflowSources()).hasSize(1);

        String dockerfile = Files.readString(TestingLauncher.home().resolve("../../src/main/docker/Dockerfile"));
        assertThat(dockerfile).contains("COPY skiff-${VERSION}.zip", "mv /opt/skiff-${VERSION} /opt/skiff",
                "ENTRYPOINT [\"/opt/skiff/bin/skiff\"]");
        try (ZipFile zip = new ZipFile(TestingLauncher.home().resolveSibling("skiff-" + version + ".zip").toFile())) {
            assertThat(zip.getEntry("skiff-" + version + "/bin/skiff")).isNotNull();
            assertThat(zip.getEntry("skiff-" + version + "/manifests/install.yaml")).isNotNull();
        }
    }

    /**
     * Whether {@code user} (a ServiceAccount) may do {@code "verb resource[.group][/subresource]"} in
     * {@code namespace}, as the API server's authorizer answers a SubjectAccessReview.
     */
    private boolean canI(TestbedCluster hub, String user, String namespace, String verbAndResource)
            throws IOException {
        String[] parts = verbAndResource.split(" ");
        String resource = parts[1];
        String subresource = "";
        if (resource.contains("/")) {
            subresource = resource.substring(resource.indexOf('/') + 1);
            resource = resource.substring(0, resource.indexOf('/'));
        }
        String group = resource.contains(".") ? resource.substring(resource.indexOf('.') + 1) : "";
        resource = resource.contains(".") ? resource.substring(0, resource.indexOf('.')) : resource;
        String saNamespace = user.split(":")[2];
        Path review = Files.writeString(dir.resolve("review-" + System.nanoTime() + ".json"), """
                {"apiVersion": "authorization.k8s.io/v1", "kind": "SubjectAccessReview",
                 "spec": {"user": "%s", "groups": ["system:serviceaccounts", "system:serviceaccounts:%s",
                   "system:authenticated"], "resourceAttributes": {"namespace": "%s", "verb": "%s", "group": "%s",
                   "resource": "%s", "subresource": "%s"}}}
                """.formatted(user, saNamespace, namespace, parts[0], group, resource, subresource));
        JsonNode answer = new ObjectMapper().readTree(hub.kubectl("create", "-f", review.toString(), "-o", "json"));
        return answer.path("status").path("allowed").asBoolean(false);
    }

    private static void ensureNamespace(TestbedCluster hub, String name) {
        try {
            hub.kubectl("get", "namespace", name);
        } catch (RuntimeException absent) {
            hub.kubectl("create", "namespace", name);
        }
    }

    @Test
    void theHubInstallHasNoClusterWideRightsAndItsConfigNamesTheSpokesAsWorkflowSources() throws IOException {
        List<JsonNode> hubInstall = documents(manifests.resolve("hub/install.yaml"));
        assertThat(hubInstall).extracting(d -> d.path("kind").asText())
                .doesNotContain("ClusterRole", "ClusterRoleBinding")
                .contains("ServiceAccount", "Role", "ConfigMap", "Deployment", "Service");
        JsonNode configMap = hubInstall.stream().filter(d -> d.path("kind").asText().equals("ConfigMap")).findFirst()
                .orElseThrow();
        Path config = Files.writeString(dir.resolve("hub-controller.yaml"),
                configMap.path("data").path("controller.yaml").asText());
        var parsed = ControllerConfigReader.read(config);
        assertThat(parsed.workflowSources()).extracting(s -> s.cluster()).containsExactly("spoke1", "spoke2");
        assertThat(parsed.clusters().get("spoke1").auth().type()).isEqualTo("eks");
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    private static String version() throws IOException {
        try (Stream<Path> lib = Files.list(TestingLauncher.home().resolve("lib"))) {
            return lib.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("skiff-engine-")).findFirst()
                    .orElseThrow().replace("skiff-engine-", "").replace(".jar", "");
        }
    }
}
