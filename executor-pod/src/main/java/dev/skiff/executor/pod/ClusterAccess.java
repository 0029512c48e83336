package dev.skiff.executor.pod;

import dev.skiff.executor.pod.build.ArgoNames;
import dev.skiff.executor.pod.json.JsonTree;
import dev.skiff.executor.pod.kube.ApiFailure;
import dev.skiff.executor.pod.kube.ContainerSignals;
import dev.skiff.executor.pod.kube.KubeApi;
import dev.skiff.executor.pod.kube.RateLimiter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One cluster's API with the executor's write rate limit (client-go's QPS and burst), and its writes. */
final class ClusterAccess {

    private final String name;
    private final KubeApi api;
    private final RateLimiter limiter;
    private final ContainerSignals signals;
    private final ClusterContact contact;

    ClusterAccess(String name, KubeApi api, RateLimiter limiter, ClusterContact contact, System.Logger log) {
        this.name = name;
        this.contact = contact;
        this.api = api;
        this.limiter = limiter;
        this.signals = new ContainerSignals(api, log);
    }

    String name() {
        return name;
    }

    /** Its name and its write limiter's state. */
    @Override
    public String toString() {
        return name + " (writes: " + limiter + ")";
    }

    KubeApi api() {
        return api;
    }

    /** Whether the cluster answers (shared by every identity used there). */
    ClusterContact contact() {
        return contact;
    }

    ContainerSignals signals() {
        return signals;
    }

    /** Creates a ConfigMap; one that already exists is fine (Argo tolerates AlreadyExists). */
    void createConfigMap(String namespace, Map<String, Object> configMap) throws ApiFailure, InterruptedException {
        limiter.acquire();
        try {
            api.create(KubeApi.collection("v1", namespace, "configmaps"), configMap);
        } catch (ApiFailure e) {
            if (e.code() != 409) {
                throw e;
            }
        }
    }

    Map<String, Object> createPod(String namespace, Map<String, Object> pod) throws ApiFailure, InterruptedException {
        limiter.acquire();
        return api.create(KubeApi.collection("v1", namespace, "pods"), pod);
    }

    Optional<Map<String, Object>> getPod(String namespace, String pod) throws ApiFailure, InterruptedException {
        limiter.acquire();
        try {
            return Optional.of(api.get(KubeApi.collection("v1", namespace, "pods") + "/" + pod));
        } catch (ApiFailure e) {
            if (e.code() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Argo's pod cleanup "labelPodCompleted": merge-patches {@code workflows.argoproj.io/completed=true}. */
    void labelCompleted(String namespace, String pod) throws ApiFailure, InterruptedException {
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put(ArgoNames.LABEL_COMPLETED, "true");
        limiter.acquire();
        try {
            api.mergePatch(KubeApi.collection("v1", namespace, "pods") + "/" + pod,
                    Map.of("metadata", Map.of("labels", labels)));
        } catch (ApiFailure e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    /** Deletes a pod in the background; one that is gone already is fine. */
    void deletePod(String namespace, String pod) throws ApiFailure, InterruptedException {
        limiter.acquire();
        try {
            api.delete(KubeApi.collection("v1", namespace, "pods") + "/" + pod, Map.of());
        } catch (ApiFailure e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    /** Argo's deleteTaskResults: every WorkflowTaskResult of the workflow in the namespace. */
    void deleteTaskResults(String namespace, String workflow) throws ApiFailure, InterruptedException {
        limiter.acquire();
        try {
            api.delete(KubeApi.collection(ArgoNames.GROUP_VERSION, namespace, "workflowtaskresults"),
                    Map.of("labelSelector", ArgoNames.LABEL_WORKFLOW + "=" + workflow));
        } catch (ApiFailure e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    /** Creates any object in a collection. */
    Map<String, Object> create(String collection, Map<String, Object> object) throws ApiFailure, InterruptedException {
        limiter.acquire();
        return api.create(collection, object);
    }

    Map<String, Object> get(String path) throws ApiFailure, InterruptedException {
        limiter.acquire();
        return api.get(path);
    }

    /** Deletes one object in the background; gone already is fine. */
    void delete(String path) throws ApiFailure, InterruptedException {
        limiter.acquire();
        try {
            api.delete(path, Map.of());
        } catch (ApiFailure e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    /**
     * Deletes the pods matching the selector (background), one by one: the same verbs (list, delete) as everything
     * else the executor does to pods, no {@code deletecollection}.
     */
    void deletePods(String namespace, String selector) throws ApiFailure, InterruptedException {
        limiter.acquire();
        Map<String, Object> list = api.list(KubeApi.collection("v1", namespace, "pods"),
                Map.of("labelSelector", selector));
        for (Object item : JsonTree.list(list.get("items"))) {
            deletePod(namespace, name(JsonTree.object(item)));
        }
    }

    static String name(Map<String, Object> object) {
        return JsonTree.text(JsonTree.at(object, "metadata", "name"));
    }
}
