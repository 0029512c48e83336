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
 */
record LocalSettings(Path workDir, Clock clock, Duration killGrace, Map<String, String> hostEnv,
                     ProgramResolver resolver, System.Logger logger) {

    LocalSettings {
        hostEnv = Map.copyOf(hostEnv);
    }
}
