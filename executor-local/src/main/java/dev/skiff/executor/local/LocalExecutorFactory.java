package dev.skiff.executor.local;

import dev.skiff.spi.executor.ExecutorContext;
import dev.skiff.spi.executor.StepExecutor;
import dev.skiff.spi.executor.StepExecutorFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The {@code local} executor: runs container and script templates as processes on this machine.
 *
 * <p>Config keys: {@code killGraceSeconds} (default 3), how long a process tree has between
 * SIGTERM and SIGKILL when a deadline passes or the step is stopped.
 */
public final class LocalExecutorFactory implements StepExecutorFactory {

    /** The config key for the grace period between SIGTERM and SIGKILL. */
    public static final String KILL_GRACE_SECONDS = "killGraceSeconds";

    private static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(3);

    @Override
    public String name() {
        return "local";
    }

    @Override
    public Set<String> configKeys() {
        return Set.of(KILL_GRACE_SECONDS);
    }

    @Override
    public StepExecutor create(Map<String, String> config, ExecutorContext context) {
        Map<String, String> hostEnv = System.getenv();
        String hostPath = hostEnv.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        ProcessGroups groups = ProcessGroups.find(ProgramResolver.forPath(hostPath));
        Path standIns = context.workDirectory().resolve(".skiff-bin").toAbsolutePath();
        try {
            ImageStandIns.install(standIns);
        } catch (IOException e) {
            throw new UncheckedIOException("local executor: cannot write to its work directory "
                    + context.workDirectory() + ": " + e.getMessage(), e);
        }
        String stepPath = hostPath + java.io.File.pathSeparator + standIns;
        MarkedProcesses marked = MarkedProcesses.onThisHost();
        if (!marked.available()) {
            context.logger().log(System.Logger.Level.DEBUG, "no /proc on this host: processes a step moves out of"
                    + " its process group (setsid, a double fork) are not found when it ends");
        }
        LocalSettings settings = new LocalSettings(new WorkDirectory(context.workDirectory()), context.clock(),
                killGrace(config), hostEnv, ProgramResolver.forPath(stepPath), context.logger(), groups, stepPath,
                marked, java.util.UUID.randomUUID().toString(), context::artifactStore);
        return new LocalExecutor(settings);
    }

    private static Duration killGrace(Map<String, String> config) {
        String value = config.get(KILL_GRACE_SECONDS);
        if (value == null) {
            return DEFAULT_KILL_GRACE;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            if (seconds < 0) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("local executor: " + KILL_GRACE_SECONDS + " must be a whole number of"
                    + " seconds >= 0, got '" + value + "'");
        }
    }
}
