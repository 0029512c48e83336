package dev.skiff.engine.plugin;

import dev.skiff.spi.auth.ClusterAuthProviderFactory;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The module layer plugin layers are built on: the one holding module {@code dev.skiff.spi}.
 *
 * <p>On the module path that is the engine's own layer. On the class path (unit tests, or an
 * embedding application) the SPI's classes live in an unnamed module, which a plugin's
 * {@code requires dev.skiff.spi} cannot name. Then a small bridge layer defines a module
 * {@code dev.skiff.spi} (the SPI's real descriptor) to a class loader that hands out the class
 * path's SPI classes, so plugins resolve and share the engine's very SPI types; plugin modules
 * are then given read access to the class path's unnamed module ({@link #bridged()}).
 */
final class HostLayer {

    static final String SPI_MODULE = "dev.skiff.spi";
    private static ModuleLayer bridge;

    private HostLayer() {
    }

    /** Whether the engine runs on the class path, so plugins must read its unnamed module. */
    static boolean bridged() {
        return !spiModule().isNamed();
    }

    static Module spiModule() {
        return ClusterAuthProviderFactory.class.getModule();
    }

    static synchronized ModuleLayer get() {
        Module spi = spiModule();
        if (spi.isNamed()) {
            return spi.getLayer();
        }
        if (bridge == null) {
            bridge = bridgeLayer();
        }
        return bridge;
    }

    private static ModuleLayer bridgeLayer() {
        ModuleDescriptor descriptor = spiDescriptor();
        ModuleReference reference = new ModuleReference(descriptor, null) {
            @Override
            public ModuleReader open() {
                return new EmptyReader();
            }
        };
        ModuleFinder finder = new ModuleFinder() {
            @Override
            public Optional<ModuleReference> find(String name) {
                return name.equals(SPI_MODULE) ? Optional.of(reference) : Optional.empty();
            }

            @Override
            public Set<ModuleReference> findAll() {
                return Set.of(reference);
            }
        };
        ModuleLayer boot = ModuleLayer.boot();
        Configuration cf = boot.configuration().resolve(finder, ModuleFinder.of(), Set.of(SPI_MODULE));
        ClassLoader classPath = ClusterAuthProviderFactory.class.getClassLoader();
        ClassLoader delegate = new ClassLoader("skiff-spi-bridge", classPath) {
        };
        return boot.defineModules(cf, name -> delegate);
    }

    /** The SPI's own module-info from where its classes were loaded, else one built from its packages. */
    private static ModuleDescriptor spiDescriptor() {
        try {
            var source = ClusterAuthProviderFactory.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                Path location = Path.of(source.getLocation().toURI());
                Optional<ModuleReference> found = ModuleFinder.of(location).find(SPI_MODULE);
                if (found.isPresent()) {
                    return found.get().descriptor();
                }
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // fall through to the built descriptor
        }
        return ModuleDescriptor.newModule(SPI_MODULE)
                .exports("dev.skiff.spi").exports("dev.skiff.spi.auth").exports("dev.skiff.spi.executor").build();
    }

    private static final class EmptyReader implements ModuleReader {
        @Override
        public Optional<URI> find(String name) {
            return Optional.empty();
        }

        @Override
        public Optional<InputStream> open(String name) {
            return Optional.empty();
        }

        @Override
        public Stream<String> list() {
            return Stream.empty();
        }

        @Override
        public void close() throws IOException {
        }
    }
}
