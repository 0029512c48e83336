package dev.skiff.testbed;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Pods for the testbed's own tests. */
final class Pods {
    static final Duration FINISH_TIMEOUT = Duration.ofSeconds(60);

    private Pods() {
    }

    static V1Pod pod(String name, Map<String, String> annotations) {
        return new V1Pod()
                .metadata(new V1ObjectMeta().name(name).annotations(annotations))
                .spec(new V1PodSpec()
                        // client-java starts this map empty, and kube-apiserver rejects an empty
                        // overhead ("Pod Overhead set without corresponding RuntimeClass")
                        .overhead(null)
                        .restartPolicy("Never")
                        .addContainersItem(new V1Container().name("main").image("registry.invalid/skiff/step:1")));
    }

    /** Waits until the pod is Succeeded or Failed and returns it. */
    static V1Pod awaitFinished(CoreV1Api api, String namespace, String name) {
        return Await.until("pod " + namespace + "/" + name + " to finish", FINISH_TIMEOUT, () -> {
            V1Pod pod = api.readNamespacedPod(name, namespace).execute();
            String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
            return "Succeeded".equals(phase) || "Failed".equals(phase) ? Optional.of(pod) : Optional.empty();
        });
    }

    static String phase(CoreV1Api api, String namespace, String name) throws ApiException {
        V1Pod pod = api.readNamespacedPod(name, namespace).execute();
        return pod.getStatus() == null ? "" : pod.getStatus().getPhase();
    }
}
