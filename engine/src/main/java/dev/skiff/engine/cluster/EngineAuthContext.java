package dev.skiff.engine.cluster;

import dev.skiff.spi.auth.AuthContext;
import dev.skiff.spi.auth.SecretSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** The engine's {@link AuthContext}: what every auth provider is handed. */
record EngineAuthContext(Clock clock, Path configDirectory, SecretSource secrets, Map<String, String> environment,
        System.Logger logger) implements AuthContext {
}
