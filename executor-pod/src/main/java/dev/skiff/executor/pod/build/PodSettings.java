package dev.skiff.executor.pod.build;

import java.util.Objects;
import java.util.Optional;

/**
 * What the executor's configuration contributes to every pod (Argo's controller config and flags).
 *
 * @param executorImage   image of the {@code init} and {@code wait} containers (Argo's {@code --executor-image})
 * @param imagePullPolicy their pull policy, if set
 * @param instanceId      Argo's {@code instanceID}: a {@code controller-instanceid} label and
 *                        {@code ARGO_INSTANCE_ID}; empty for none
 * @param images          entrypoints of images used without a command
 */
public record PodSettings(String executorImage, Optional<String> imagePullPolicy, String instanceId,
                          ImageIndex images) {

    /** Argo's default executor image of the version Skiff follows. */
    public static final String DEFAULT_EXECUTOR_IMAGE = "quay.io/argoproj/argoexec:v4.1.2";

    public PodSettings {
        Objects.requireNonNull(executorImage, "executorImage");
        Objects.requireNonNull(imagePullPolicy, "imagePullPolicy");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(images, "images");
    }

    public static PodSettings defaults() {
        return new PodSettings(DEFAULT_EXECUTOR_IMAGE, Optional.empty(), "", ImageIndex.EMPTY);
    }
}
