package dev.skiff.executor.pod.it;

import dev.skiff.executor.pod.json.GoJson;
import dev.skiff.executor.pod.json.JsonTree;
import dev.skiff.executor.pod.kube.ApiFailure;
import dev.skiff.executor.pod.kube.ClusterClients;
import dev.skiff.executor.pod.kube.KubeApi;
import dev.skiff.spi.auth.BearerToken;
import dev.skiff.spi.auth.ClusterCredentials;
import dev.skiff.spi.auth.TokenSource;
import dev.skiff.testbed.Await;
import dev.skiff.testbed.TestbedCluster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** A testbed cluster as the pod executor's tests use it: credentials, an admin API, Argo's CRDs, Workflows. */
final class TestingCluster {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String EXECUTOR_ACCOUNT = "argo-executor";

    final TestbedCluster cluster;
    final KubeApi admin;

    TestingCluster(TestbedCluster cluster) {
        this.cluster = cluster;
        this.admin = new KubeApi(ClusterClients.create(credentials(cluster.staticToken(TestbedCluster.ADMIN_USER))));
    }

    /** Credentials with a fixed bearer token (the cluster's CA trusted). */
    ClusterCredentials credentials(String token) {
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
        return new ClusterCredentials(cluster.server(),
                Optional.of(cluster.caCertificatePem().getBytes(StandardCharsets.US_ASCII)), Optional.of(tokens),
                Optional.empty(), false);
    }

    /** Installs the test CRDs (idempotent) and waits until the API serves them. */
    synchronized void installArgoCrds() throws Exception {
        try (InputStream in = TestingCluster.class.getResourceAsStream("/argo-crds.yaml")) {
            for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(in)) {
                try {
                    admin.create("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", JsonTree.copyObject(doc));
                } catch (ApiFailure e) {
                    if (e.code() != 409) {
                        throw e;
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (String plural : List.of("workflows", "workflowtaskresults")) {
            Await.until(plural + " to be served", WAIT, () -> {
                try {
                    admin.list(KubeApi.collection("argoproj.io/v1alpha1", "default", plural), Map.of());
                    return Optional.of(true);
                } catch (ApiFailure e) {
                    return Optional.empty();
                }
            });
        }
    }

    /** Creates a Workflow object (not run by anything: no controller watches it) and returns its uid. */
    String createWorkflow(String namespace, String name) throws ApiFailure {
        Map<String, Object> wf = new LinkedHashMap<>();
        wf.put("apiVersion", "argoproj.io/v1alpha1");
        wf.put("kind", "Workflow");
        wf.put("metadata", Map.of("name", name, "namespace", namespace));
        wf.put("spec", Map.of("entrypoint", "main"));
        Map<String, Object> created = admin.create(KubeApi.collection("argoproj.io/v1alpha1", namespace, "workflows"), wf);
        return JsonTree.text(JsonTree.at(created, "metadata", "uid"));
    }

    /** The executor setting that names the argoexec image the testbed's kubelet runs (v4.0.5 there). */
    Map<String, String> executorConfig() {
        return cluster.kubelet().map(k -> Map.of("image", k.executorImage())).orElse(Map.of());
    }

    /**
     * The service account Argo's executor runs as in the namespace, with the only rights it needs there
     * (create and patch workflowtaskresults, Argo's docs/workflow-rbac.md).
     */
    void prepareExecutorAccount(String namespace) throws ApiFailure {
        admin.create(KubeApi.collection("v1", namespace, "serviceaccounts"), Map.of("metadata",
                Map.of("name", EXECUTOR_ACCOUNT)));
        admin.create("/apis/rbac.authorization.k8s.io/v1/namespaces/" + namespace + "/roles", Map.of(
                "metadata", Map.of("name", EXECUTOR_ACCOUNT),
                "rules", List.of(Map.of("apiGroups", List.of("argoproj.io"), "resources", List.of("workflowtaskresults"),
                        "verbs", List.of("create", "patch")))));
        admin.create("/apis/rbac.authorization.k8s.io/v1/namespaces/" + namespace + "/rolebindings", Map.of(
                "metadata", Map.of("name", EXECUTOR_ACCOUNT),
                "roleRef", Map.of("apiGroup", "rbac.authorization.k8s.io", "kind", "Role", "name", EXECUTOR_ACCOUNT),
                "subjects", List.of(Map.of("kind", "ServiceAccount", "name", EXECUTOR_ACCOUNT, "namespace", namespace))));
    }

    /** A container template running {@code sh -c script} as the executor account, with extra fields first. */
    static String shellTemplate(String script, String extraFields) {
        return "{\"name\": \"main\", \"serviceAccountName\": \"" + EXECUTOR_ACCOUNT + "\", " + extraFields
                + " \"container\": {\"image\": \"debian:stable-slim\", \"command\": [\"sh\", \"-c\"], \"args\": ["
                + GoJson.write(script) + "]}}";
    }

    Optional<Map<String, Object>> pod(String namespace, String name) throws ApiFailure {
        try {
            return Optional.of(admin.get(KubeApi.collection("v1", namespace, "pods") + "/" + name));
        } catch (ApiFailure e) {
            if (e.code() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
