package dev.skiff.executor.local;

import dev.skiff.spi.artifact.ArtifactStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What every local step shares.
 *
 * @param work      the work directory, where step sandboxes are created, and what this run created there
 * @param clock     the engine's clock
 * @param killGrace how long a process tree has between SIGTERM and SIGKILL
 * @param hostEnv   the environment steps inherit (the engine's own)
 * @param resolver  finds host programs
 * @param logger    the plugin's logger
 * @param groups    how steps get their own process group
 * @param stepPath  the {@code PATH} steps run with: the host's, then the stand-ins' directory
 * @param marked    finds a step's processes by their {@link MarkedProcesses#VARIABLE}
 * @param runId     this executor's own id, the first part of every step's mark (so that two runs on one
 *                  machine never touch each other's processes)
 * @param stores    the artifact store of a URI scheme ({@code s3}), as the engine offers them
 */
record LocalSettings(WorkDirectory work, Clock clock, Duration killGrace, Map<String, String> hostEnv,
                     ProgramResolver resolver, System.Logger logger, ProcessGroups groups, String stepPath,
                     MarkedProcesses marked, String runId, Function<String, Optional<ArtifactStore>> stores) {

    LocalSettings {
        hostEnv = Map.copyOf(hostEnv);
    }

    /** The value of {@link MarkedProcesses#VARIABLE} for a step. */
    String mark(String stepId) {
        return runId + "/" + stepId;
    }
}
