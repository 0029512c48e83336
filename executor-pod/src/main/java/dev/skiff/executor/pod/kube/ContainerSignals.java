package dev.skiff.executor.pod.kube;

import dev.skiff.executor.pod.outcome.ContainerView;
import dev.skiff.executor.pod.outcome.PodView;
import io.kubernetes.client.Exec;
import io.kubernetes.client.openapi.ApiException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Sends a signal into every running container of a pod by exec, as Argo's pod cleanup does
 * (signalContainers): SIGTERM first, SIGKILL after the pod's grace period for what still runs.
 */
public final class ContainerSignals {

    public static final int SIGTERM = 15;
    public static final int SIGKILL = 9;

    private final KubeApi api;
    private final System.Logger log;

    public ContainerSignals(KubeApi api, System.Logger log) {
        this.api = api;
        this.log = log;
    }

    /** Signals each running container; failures are logged (the container may have ended meanwhile). */
    public void signalRunning(PodView pod, int signal) throws InterruptedException {
        for (ContainerView c : pod.containers()) {
            if (c.state() != ContainerView.State.RUNNING) {
                continue;
            }
            try {
                exec(pod, c.name(), KillCommand.of(pod, c.name(), signal).toArray(String[]::new));
            } catch (IOException | ApiException | IllegalArgumentException e) {
                log.log(System.Logger.Level.INFO, "signal " + signal + " to " + pod.namespace() + "/" + pod.name()
                        + " container " + c.name() + " failed: " + e.getMessage());
            }
        }
    }

    private void exec(PodView pod, String container, String[] command)
            throws IOException, ApiException, InterruptedException {
        Exec exec = new Exec(api.apiClient());
        // The client prints the stack trace of a failed upgrade (the container ended meanwhile: 404) by default.
        exec.setOnUnhandledError(e -> log.log(System.Logger.Level.INFO, "signal into " + pod.namespace() + "/"
                + pod.name() + " container " + container + " failed: " + e.getMessage()));
        Process process = exec.exec(pod.namespace(), pod.name(), command, container, false, false);
        try {
            // Argo waits at most 2 minutes for an exec that does not return
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                log.log(System.Logger.Level.INFO, "signal into " + pod.name() + "/" + container + " did not return");
            }
        } finally {
            process.destroy();
        }
    }
}
