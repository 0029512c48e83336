package dev.skiff.executor.pod.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.executor.pod.json.GoJson;
import dev.skiff.executor.pod.json.JsonTree;
import dev.skiff.executor.pod.outcome.PodView;
import org.junit.jupiter.api.Test;

/** Argo's killCommand (workflow/signal/signal.go, v4.1.2). */
class KillCommandTest {

    private static final PodView POD = PodView.of(JsonTree.copyObject(GoJson.read("""
            {"metadata": {"name": "p", "namespace": "n",
               "annotations": {"workflows.argoproj.io/kill-cmd-db": "[\\"pg_ctl\\", \\"stop\\", \\"-s\\", \\"%d\\"]"}},
             "spec": {"containers": [
               {"name": "wait", "volumeMounts": [{"name": "var-run-argo", "mountPath": "/var/run/argo"}]},
               {"name": "main", "volumeMounts": [{"name": "var-run-argo", "mountPath": "/var/run/argo"}]},
               {"name": "plain"},
               {"name": "db", "volumeMounts": [{"name": "var-run-argo", "mountPath": "/var/run/argo"}]}]}}""")));

    @Test
    void argosOwnContainersUseArgoexecOnThePath() {
        assertThat(KillCommand.of(POD, "wait", 15)).containsExactly("argoexec", "kill", "15", "1");
    }

    @Test
    void containersWithVarRunArgoUseTheCopiedArgoexec() {
        assertThat(KillCommand.of(POD, "main", 9)).containsExactly("/var/run/argo/argoexec", "kill", "9", "1");
    }

    @Test
    void otherContainersUseTheShell() {
        assertThat(KillCommand.of(POD, "plain", 15)).containsExactly("/bin/sh", "-c", "kill -15 1");
    }

    @Test
    void theAnnotationOverrides() {
        assertThat(KillCommand.of(POD, "db", 15)).containsExactly("pg_ctl", "stop", "-s", "15");
    }
}
