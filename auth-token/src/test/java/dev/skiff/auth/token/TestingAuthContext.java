package dev.skiff.auth.token;

import dev.skiff.spi.auth.AuthContext;
import dev.skiff.spi.auth.ClusterAuthConfig;
import dev.skiff.spi.auth.SecretSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** An auth context over a temp directory, a testing clock and an in-memory secret store. */
final class TestingAuthContext implements AuthContext {

    final TestingClock clock = new TestingClock(Instant.parse("2030-01-01T00:00:00Z"));
    final Map<String, Map<String, byte[]>> secrets = new HashMap<>();
    final Map<String, String> environment = new HashMap<>(System.getenv());
    private final Path directory;

    TestingAuthContext(Path directory) {
        this.directory = directory;
    }

    static ClusterAuthConfig config(String cluster, Object... keyValues) {
        Map<String, Object> settings = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new ClusterAuthConfig(cluster, settings);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Path configDirectory() {
        return directory;
    }

    @Override
    public SecretSource secrets() {
        return (namespace, name) -> Optional.ofNullable(secrets.get(namespace + "/" + name));
    }

    @Override
    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("test");
    }
}
