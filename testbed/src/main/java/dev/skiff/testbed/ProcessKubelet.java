package dev.skiff.testbed;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The process kubelet of one testbed cluster ({@code testbed/kubelet}): it runs the pods that
 * carry Argo's label {@code workflows.argoproj.io/workflow} as host processes, with Argo's real
 * executor for containers of the executor image, and serves their logs and exec.
 *
 * @param port the HTTPS port the kube-apiserver reaches it on (pods/log, pods/exec)
 * @param log its log file
 * @param stateDir per-pod volumes, container roots and logs
 * @param cgroup the cgroup v2 directory holding it and every process of its pods
 * @param instant whether every pod finishes at once without running ({@code SKIFF_TESTBED_INSTANT})
 * @param argoVersion the version of Argo Workflows its argoexec (and workflow-controller) come from
 * @param argoexec Argo's argoexec binary
 * @param executorImage the executor image name to put on Argo's init and wait containers
 * @param workflowController Argo's workflow-controller binary, if prepare.sh built it
 *     ({@code --with-workflow-controller})
 */
public record ProcessKubelet(int port, Path log, Path stateDir, Path cgroup, boolean instant, String argoVersion,
                             Path argoexec, String executorImage, Optional<Path> workflowController) {
    /** The pod annotation that makes one pod finish at once without running anything. */
    public static final String INSTANT_ANNOTATION = "skiff.dev/testbed-instant";
    /** The pod label that hands a pod to the process kubelet instead of kwok. */
    public static final String WORKFLOW_LABEL = "workflows.argoproj.io/workflow";
}
