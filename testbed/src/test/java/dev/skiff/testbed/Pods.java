package dev.skiff.testbed;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerStateTerminated;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Pods for the testbed's own tests: kwok's (annotated) and the process kubelet's (Argo-labelled). */
final class Pods {
    static final Duration FINISH_TIMEOUT = Duration.ofSeconds(120);

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

    /**
     * A pod with Argo's workflow label, so the process kubelet runs it (not kwok): one container
     * {@code main} running {@code sh -c script} on the host.
     */
    static V1Pod argoLabelled(String name, String script) {
        return new V1Pod()
                .metadata(new V1ObjectMeta().name(name).labels(Map.of(ProcessKubelet.WORKFLOW_LABEL, name)))
                .spec(new V1PodSpec()
                        .overhead(null)
                        .restartPolicy("Never")
                        .addContainersItem(new V1Container().name("main").image("debian:stable-slim")
                                .command(List.of("sh", "-c", script))));
    }

    /** Waits until the pod exists and is Running, and returns it. */
    static V1Pod awaitRunning(CoreV1Api api, String namespace, String name) {
        return Await.until("pod " + namespace + "/" + name + " to run", FINISH_TIMEOUT, () -> {
            V1Pod pod;
            try {
                pod = api.readNamespacedPod(name, namespace).execute();
            } catch (ApiException e) {
                if (e.getCode() == 404) {
                    return Optional.empty();
                }
                throw e;
            }
            return "Running".equals(pod.getStatus() == null ? null : pod.getStatus().getPhase())
                    ? Optional.of(pod) : Optional.empty();
        });
    }

    /** Waits until the pod object is gone. */
    static void awaitGone(CoreV1Api api, String namespace, String name) {
        Await.until("pod " + namespace + "/" + name + " to be gone", FINISH_TIMEOUT, () -> {
            try {
                api.readNamespacedPod(name, namespace).execute();
                return Optional.empty();
            } catch (ApiException e) {
                if (e.getCode() == 404) {
                    return Optional.of(true);
                }
                throw e;
            }
        });
    }

    /** The state of one container of a finished pod. */
    static V1ContainerStateTerminated terminated(V1Pod pod, String container) {
        List<V1ContainerStatus> statuses = new ArrayList<>();
        if (pod.getStatus().getInitContainerStatuses() != null) {
            statuses.addAll(pod.getStatus().getInitContainerStatuses());
        }
        statuses.addAll(pod.getStatus().getContainerStatuses());
        return statuses.stream().filter(s -> s.getName().equals(container)).findFirst()
                .map(s -> s.getState().getTerminated())
                .orElseThrow(() -> new AssertionError("pod " + pod.getMetadata().getName() + " has no container " + container));
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
