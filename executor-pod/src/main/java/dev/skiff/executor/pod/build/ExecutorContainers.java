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

/**
 * Argo's own containers: {@code init} and {@code wait} (newExecContainer, standardInitContainer, newWaitContainer),
 * and the {@code main} container of resource and data templates, where argoexec itself is the step
 * (executeResource, executeData). Every executor container of a resource template is locked down with Argo's
 * minimal security context (read-only root file system for main only).
 */
final class ExecutorContainers {

    private ExecutorContainers() {
    }

    static Map<String, Object> init(StepRequest request, PodSettings settings, PodTemplate.Kind kind) {
        return exec(ArgoNames.INIT, List.of("init"), request, settings, kind);
    }

    static Map<String, Object> waitContainer(StepRequest request, PodSettings settings, PodTemplate.Kind kind) {
        return exec(ArgoNames.WAIT, List.of("wait"), request, settings, kind);
    }

    /** Main of a resource template: {@code argoexec resource <action>}, argoexec running kubectl in its process. */
    static Map<String, Object> resourceMain(StepRequest request, PodSettings settings, String action) {
        return exec(ArgoNames.MAIN, List.of("resource", action), request, settings, PodTemplate.Kind.RESOURCE);
    }

    /** Main of a data template: {@code argoexec data <the template's data as JSON>}. */
    static Map<String, Object> dataMain(StepRequest request, PodSettings settings, String dataJson) {
        return exec(ArgoNames.MAIN, List.of("data", dataJson), request, settings, PodTemplate.Kind.DATA);
    }

    private static Map<String, Object> exec(String name, List<String> subcommand, StepRequest request,
                                            PodSettings settings, PodTemplate.Kind kind) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("image", settings.executorImage());
        List<Object> command = new ArrayList<>(List.of("argoexec"));
        command.addAll(subcommand);
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
        if (kind == PodTemplate.Kind.RESOURCE) {
            c.put("securityContext", minimalSecurityContext(ArgoNames.MAIN.equals(name)));
        }
        return c;
    }

    /** Argo's MinimalCtrSC; the root file system read-only only where asked (Argo: main only, see its #10787). */
    static Map<String, Object> minimalSecurityContext(boolean readOnlyRoot) {
        Map<String, Object> sc = new LinkedHashMap<>();
        sc.put("capabilities", new LinkedHashMap<>(Map.of("drop", new ArrayList<Object>(List.of("ALL")))));
        sc.put("privileged", false);
        sc.put("runAsUser", 8737L);
        sc.put("runAsNonRoot", true);
        if (readOnlyRoot) {
            sc.put("readOnlyRootFilesystem", true);
        }
        sc.put("allowPrivilegeEscalation", false);
        sc.put("seccompProfile", new LinkedHashMap<>(Map.of("type", "RuntimeDefault")));
        return sc;
    }
}
