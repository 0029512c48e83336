package dev.skiff.testbed;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.apis.RbacAuthorizationV1Api;
import io.kubernetes.client.openapi.models.RbacV1Subject;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PolicyRule;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1RoleRef;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A namespace ready for Argo's executor: Argo's Workflow and WorkflowTaskResult CRDs in the
 * cluster, and the executor's ServiceAccount with the only rights Argo's executor needs there
 * (create and patch workflowtaskresults, as Argo's docs/workflow-rbac.md says).
 */
final class TestingArgoNamespace {
    static final String EXECUTOR_SERVICE_ACCOUNT = "argo-executor";
    static final String GROUP = "argoproj.io";
    static final String VERSION = "v1alpha1";
    private static final Set<String> CLUSTERS_WITH_CRDS = new HashSet<>();

    private final TestbedCluster cluster;
    private final String namespace;

    private TestingArgoNamespace(TestbedCluster cluster, String namespace) {
        this.cluster = cluster;
        this.namespace = namespace;
    }

    static TestingArgoNamespace prepare(TestbedCluster cluster, TestNamespace namespace) throws ApiException {
        installCrds(cluster);
        String ns = namespace.name();
        new CoreV1Api(cluster.apiClient()).createNamespacedServiceAccount(ns,
                new V1ServiceAccount().metadata(new V1ObjectMeta().name(EXECUTOR_SERVICE_ACCOUNT))).execute();
        RbacAuthorizationV1Api rbac = new RbacAuthorizationV1Api(cluster.apiClient());
        rbac.createNamespacedRole(ns, new V1Role().metadata(new V1ObjectMeta().name("argo-executor"))
                .rules(List.of(new V1PolicyRule().apiGroups(List.of(GROUP)).resources(List.of("workflowtaskresults"))
                        .verbs(List.of("create", "patch"))))).execute();
        rbac.createNamespacedRoleBinding(ns, new V1RoleBinding().metadata(new V1ObjectMeta().name("argo-executor"))
                .roleRef(new V1RoleRef().apiGroup("rbac.authorization.k8s.io").kind("Role").name("argo-executor"))
                .subjects(List.of(new RbacV1Subject().kind("ServiceAccount").name(EXECUTOR_SERVICE_ACCOUNT)
                        .namespace(ns)))).execute();
        return new TestingArgoNamespace(cluster, ns);
    }

    private static synchronized void installCrds(TestbedCluster cluster) {
        if (CLUSTERS_WITH_CRDS.contains(cluster.name())) {
            return;
        }
        Path crds;
        try {
            crds = Path.of(TestingArgoNamespace.class.getResource("/argo/crds.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        cluster.kubectl("apply", "-f", crds.toString());
        awaitEstablished(cluster, List.of("workflows.argoproj.io", "workflowtaskresults.argoproj.io"));
        CLUSTERS_WITH_CRDS.add(cluster.name());
    }

    /** Waits until each CRD is Established (a just created one has no conditions yet, which kubectl wait refuses). */
    static void awaitEstablished(TestbedCluster cluster, List<String> crds) {
        for (String crd : crds) {
            Await.until("CRD " + crd + " to be established", Duration.ofMinutes(1), () -> "True".equals(cluster.kubectl(
                    "get", "crd", crd, "-o", "jsonpath={.status.conditions[?(@.type==\"Established\")].status}").strip())
                    ? Optional.of(true) : Optional.empty());
        }
    }

    String name() {
        return namespace;
    }

    /** Creates a Workflow object (the owner of pods and task results) and returns its uid. */
    String createWorkflow(String name) throws ApiException {
        Map<String, Object> workflow = Map.of("apiVersion", GROUP + "/" + VERSION, "kind", "Workflow",
                "metadata", Map.of("name", name), "spec", Map.of());
        Object created = new CustomObjectsApi(cluster.apiClient())
                .createNamespacedCustomObject(GROUP, VERSION, namespace, "workflows", workflow).execute();
        return (String) field(created, "metadata").get("uid");
    }

    /** The JSON object at a path of fields below object (the object itself without a path). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> field(Object object, String... path) {
        Object current = object;
        for (String name : path) {
            current = ((Map<String, Object>) current).get(name);
        }
        return (Map<String, Object>) current;
    }

    /** The JSON objects of the array at a path of fields below object. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(Object object, String... path) {
        Object current = object;
        for (String name : path) {
            current = ((Map<String, Object>) current).get(name);
        }
        return (List<Map<String, Object>>) current;
    }

    /** The WorkflowTaskResult of a node, if the executor has written one. */
    Optional<Map<String, Object>> taskResult(String nodeId) throws ApiException {
        try {
            Object result = new CustomObjectsApi(cluster.apiClient())
                    .getNamespacedCustomObject(GROUP, VERSION, namespace, "workflowtaskresults", nodeId).execute();
            return Optional.of(field(result));
        } catch (ApiException e) {
            if (e.getCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
