package dev.skiff.auth.eks.it;

import dev.skiff.spi.auth.AuthContext;
import dev.skiff.spi.auth.BearerToken;
import dev.skiff.spi.auth.ClusterAuthConfig;
import dev.skiff.spi.auth.ClusterAuthProvider;
import dev.skiff.spi.auth.ClusterAuthProviderFactory;
import dev.skiff.spi.auth.ClusterCredentials;
import dev.skiff.spi.auth.SecretSource;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Runs in a JVM of its own, the way the engine runs a plugin: {@code dev.skiff.spi} in the boot
 * layer, the eks plugin's jars (SDK jars as automatic modules) in a module layer of their own,
 * the thread context class loader pointing elsewhere. Prints what the provider returned as
 * {@code key=value} lines; exits 3 with {@code error=...} when the provider throws.
 *
 * <p>Arguments: the file listing the plugin's jars, a clock offset (ISO-8601 duration), then
 * the provider's settings as {@code key=value}.
 */
public final class TestingPluginLayerMain {

    public static void main(String[] args) throws Exception {
        var jars = Files.readAllLines(Path.of(args[0])).stream().filter(l -> !l.isBlank()).map(Path::of).toArray(Path[]::new);
        Duration offset = Duration.parse(args[1]);
        Map<String, Object> settings = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            settings.put(kv[0], kv[1]);
        }
        ModuleLayer boot = ModuleLayer.boot();
        ModuleFinder finder = ModuleFinder.of(jars);
        var roots = finder.findAll().stream().map(ModuleReference::descriptor).map(d -> d.name()).collect(Collectors.toSet());
        Configuration configuration = boot.configuration().resolve(finder, ModuleFinder.of(), roots);
        ModuleLayer layer = boot.defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
        ClusterAuthProviderFactory factory = ServiceLoader.load(layer, ClusterAuthProviderFactory.class).stream()
                .filter(p -> p.type().getModule().getLayer() == layer)
                .map(ServiceLoader.Provider::get)
                .filter(f -> f.name().equals("eks"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no eks provider in the plugin layer"));
        System.out.println("module=" + factory.getClass().getModule().getName());
        Thread.currentThread().setContextClassLoader(ClassLoader.getPlatformClassLoader()); // must not matter

        Clock clock = Clock.offset(Clock.systemUTC(), offset);
        try (ClusterAuthProvider provider = factory.create(new ClusterAuthConfig("spoke", settings), context(clock))) {
            ClusterCredentials credentials = provider.credentials();
            System.out.println("server=" + credentials.server());
            System.out.println("caSha256=" + credentials.caBundle().map(TestingPluginLayerMain::sha256).orElse("none"));
            BearerToken token = credentials.token().orElseThrow().token();
            System.out.println("token=" + token.value());
            System.out.println("expiresAt=" + token.expiresAt().orElseThrow());
            System.out.println("sameTokenAgain=" + (credentials.token().orElseThrow().token() == token));
            System.out.println("refreshed=" + credentials.token().orElseThrow().refresh().value());
        } catch (RuntimeException e) {
            System.out.println("error=" + e.getMessage().replace('\n', ' '));
            for (Throwable t = e; t != null; t = t.getCause()) {
                System.err.println("cause: " + t);
            }
            System.exit(3);
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AuthContext context(Clock clock) {
        System.Logger logger = System.getLogger("skiff.plugin.eks");
        return new AuthContext() {
            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public Path configDirectory() {
                return Path.of(".");
            }

            @Override
            public SecretSource secrets() {
                return SecretSource.NONE;
            }

            @Override
            public Map<String, String> environment() {
                return System.getenv();
            }

            @Override
            public System.Logger logger() {
                return logger;
            }
        };
    }
}
