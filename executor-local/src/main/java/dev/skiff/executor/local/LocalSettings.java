package dev.skiff.executor.local;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * What every local step shares.
 *
 * @param workDir   where step sandboxes are created
 * @param clock     the engine's clock
 * @param killGrace how long a process tree has between SIGTERM and SIGKILL
 * @param hostEnv   the environment steps inherit (the engine's own)
 * @param resolver  finds host programs
 * @param logger    the plugin's logger
 * @param groups    how steps get their own process group
 * @param stepPath  the {@code PATH} steps run with: the host's, then the stand-ins' directory
 */
record LocalSettings(Path workDir, Clock clock, Duration killGrace, Map<String, String> hostEnv,
                     ProgramResolver resolver, System.Logger logger, ProcessGroups groups, String stepPath) {

    LocalSettings {
        hostEnv = Map.copyOf(hostEnv);
    }
}
