package dev.skiff.spi.auth;

import dev.skiff.spi.Stability;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** What the engine hands a cluster-auth factory. */
@Stability(Stability.Level.EXPERIMENTAL)
public interface AuthContext {

    /** The engine's clock; tokens are refreshed by it. */
    Clock clock();

    /** Directory that relative file paths in the config are resolved against. */
    Path configDirectory();

    /** Secrets of the controller's own cluster. */
    SecretSource secrets();

    /** The process environment (injectable for tests). */
    Map<String, String> environment();

    /** A logger for the plugin; never log secrets. */
    System.Logger logger();
}
