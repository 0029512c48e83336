package dev.skiff.executor.pod.build;

import static dev.skiff.executor.pod.build.ArgoNames.ENV_INSTANCE_ID;
import static dev.skiff.executor.pod.build.ArgoNames.ENV_POD_NAME;
import static dev.skiff.executor.pod.build.ArgoNames.ENV_POD_UID;
import static dev.skiff.executor.pod.build.ArgoNames.ENV_WORKFLOW_NAME;
import static dev.skiff.executor.pod.build.ArgoNames.ENV_WORKFLOW_UID;

import dev.skiff.spi.executor.StepRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Argo's own containers: {@code init} and {@code wait} (newExecContainer, standardInitContainer, newWaitContainer). */
final class ExecutorContainers {

    private ExecutorContainers() {
    }

    static Map<String, Object> init(StepRequest request, PodSettings settings) {
        return exec(ArgoNames.INIT, "init", request, settings);
    }

    static Map<String, Object> waitContainer(StepRequest request, PodSettings settings) {
        return exec(ArgoNames.WAIT, "wait", request, settings);
    }

    private static Map<String, Object> exec(String name, String subcommand, StepRequest request,
                                            PodSettings settings) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("image", settings.executorImage());
        List<Object> command = new ArrayList<>(List.of("argoexec", subcommand));
        command.addAll(ArgoNames.LOG_OPTIONS);
        c.put("command", command);
        List<Object> env = new ArrayList<>();
        env.add(ContainerFields.fieldRefEnv(ENV_POD_NAME, "metadata.name"));
        env.add(ContainerFields.fieldRefEnv(ENV_POD_UID, "metadata.uid"));
        env.add(ContainerFields.envVar(ENV_WORKFLOW_NAME, request.workflowName()));
        env.add(ContainerFields.envVar(ENV_WORKFLOW_UID, request.workflowUid()));
        if (!settings.instanceId().isEmpty()) {
            env.add(ContainerFields.envVar(ENV_INSTANCE_ID, settings.instanceId()));
        }
        c.put("env", env);
        settings.imagePullPolicy().ifPresent(p -> c.put("imagePullPolicy", p));
        return c;
    }
}
