package dev.skiff.testbed;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Stops and starts one process-testbed cluster's kube-apiserver through {@code testbed/apiserver.sh}: everything
 * else of the cluster keeps running (etcd and its data, the process kubelet and its pods), and the apiserver comes
 * back on the same port with the same certificates, so clients reconnect.
 */
record ApiServerSwitch(Path script, Path workdir, String cluster) {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    void stop() {
        run("stop");
    }

    void start() {
        run("start");
    }

    private void run(String action) {
        CommandRun run = CommandRun.of(List.of(script.toString(), action, cluster),
                Map.of("SKIFF_TESTBED_WORKDIR", workdir.toString()), TIMEOUT);
        if (!run.succeeded()) {
            throw new TestbedException("testbed/apiserver.sh " + action + " " + cluster + " failed (exit "
                    + run.exitCode() + "): " + run.stdout() + run.stderr());
        }
    }
}
