package dev.skiff.executor.pod.build;

import java.util.List;

/** Argo's names, paths and limits that pods and task results carry ({@code workflow/common/common.go}, v4.1.2). */
public final class ArgoNames {

    public static final String GROUP_VERSION = "argoproj.io/v1alpha1";
    public static final String WORKFLOW_KIND = "Workflow";

    public static final String LABEL_WORKFLOW = "workflows.argoproj.io/workflow";
    public static final String LABEL_COMPLETED = "workflows.argoproj.io/completed";
    public static final String LABEL_ON_EXIT = "workflows.argoproj.io/on-exit";
    public static final String LABEL_INSTANCE_ID = "workflows.argoproj.io/controller-instanceid";
    public static final String LABEL_REPORT_OUTPUTS_COMPLETED = "workflows.argoproj.io/report-outputs-completed";

    public static final String ANNOTATION_NODE_NAME = "workflows.argoproj.io/node-name";
    public static final String ANNOTATION_NODE_ID = "workflows.argoproj.io/node-id";
    public static final String ANNOTATION_DEFAULT_CONTAINER = "kubectl.kubernetes.io/default-container";
    /** Prefix of the annotation that overrides the kill command of one container. */
    public static final String ANNOTATION_KILL_CMD_PREFIX = "workflows.argoproj.io/kill-cmd-";

    /** Labels Skiff puts on pods that live away from their Workflow (no owner reference possible). */
    public static final String LABEL_OWNER_CLUSTER = "skiff.dev/owner-cluster";
    public static final String LABEL_OWNER_NAMESPACE = "skiff.dev/owner-namespace";
    public static final String LABEL_OWNER_NAME = "skiff.dev/owner-name";

    public static final String MAIN = "main";
    public static final String INIT = "init";
    public static final String WAIT = "wait";

    public static final String VAR_RUN_ARGO = "/var/run/argo";
    public static final String ARGOEXEC_IN_MAIN = VAR_RUN_ARGO + "/argoexec";
    public static final String VOLUME_VAR_RUN_ARGO = "var-run-argo";
    public static final String VOLUME_TMP_DIR = "tmp-dir-argo";
    public static final String VOLUME_INPUT_ARTIFACTS = "input-artifacts";
    public static final String VOLUME_STAGING = "argo-staging";
    public static final String VOLUME_ENV_CONFIG = "argo-env-config";
    public static final String INPUT_ARTIFACTS_DIR = "/argo/inputs/artifacts";
    public static final String MAIN_FILESYSTEM_DIR = "/mainctrfs";
    public static final String STAGING_DIR = "/argo/staging";
    public static final String SCRIPT_PATH = "/argo/staging/script";
    public static final String SECRET_DIR = "/argo/secret";
    public static final String ENV_CONFIG_DIR = "/argo/config";
    public static final String PROGRESS_FILE = VAR_RUN_ARGO + "/progress";

    public static final String ENV_POD_NAME = "ARGO_POD_NAME";
    public static final String ENV_POD_UID = "ARGO_POD_UID";
    public static final String ENV_WORKFLOW_NAME = "ARGO_WORKFLOW_NAME";
    public static final String ENV_WORKFLOW_UID = "ARGO_WORKFLOW_UID";
    public static final String ENV_INSTANCE_ID = "ARGO_INSTANCE_ID";
    public static final String ENV_CONTAINER_NAME = "ARGO_CONTAINER_NAME";
    public static final String ENV_TEMPLATE = "ARGO_TEMPLATE";
    public static final String ENV_NODE_ID = "ARGO_NODE_ID";
    public static final String ENV_INCLUDE_SCRIPT_OUTPUT = "ARGO_INCLUDE_SCRIPT_OUTPUT";
    public static final String ENV_DEADLINE = "ARGO_DEADLINE";
    public static final String ENV_PROGRESS_FILE = "ARGO_PROGRESS_FILE";
    public static final String ENV_PROGRESS_PATCH_TICK = "ARGO_PROGRESS_PATCH_TICK_DURATION";
    public static final String ENV_PROGRESS_FILE_TICK = "ARGO_PROGRESS_FILE_TICK_DURATION";
    public static final String ENV_TERMINATION_GRACE = "ARGO_TERMINATION_GRACE_PERIOD_SECONDS";
    public static final String ENV_CONTAINER_ARGS_FILE = "ARGO_CONTAINER_ARGS_FILE";
    public static final String TEMPLATE_OFFLOADED = "offloaded";

    /** Argo's MaxEnvVarLen: above this many bytes, ARGO_TEMPLATE (or main's args) go to a ConfigMap. */
    public static final int MAX_ENV_VAR_LENGTH = 131072;

    /** Options the controller passes every argoexec command (its own log settings: info, text, glog 0). */
    public static final List<String> LOG_OPTIONS = List.of("--loglevel", "info", "--log-format", "text",
            "--gloglevel", "0");

    /** Argo's default progress ticks: the wait container patches every minute, reads the file every 3 s. */
    public static final String PROGRESS_PATCH_TICK = "1m0s";
    public static final String PROGRESS_FILE_TICK = "3s";

    private ArgoNames() {
    }

    /** Argo's IsArgoSidecar: the containers Argo runs itself next to main (wait, supervisor, artifact plugins). */
    public static boolean isArgoSidecar(String container) {
        return WAIT.equals(container) || "supervisor".equals(container) || container.startsWith("artifact-plugin-");
    }
}
