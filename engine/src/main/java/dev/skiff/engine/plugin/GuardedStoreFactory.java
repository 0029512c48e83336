package dev.skiff.engine.plugin;

import dev.skiff.spi.artifact.ArtifactStore;
import dev.skiff.spi.artifact.ArtifactStoreContext;
import dev.skiff.spi.artifact.ArtifactStoreFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;

/** A plugin's artifact-store factory, and the stores it creates, seen through its {@link PluginGuard}. */
final class GuardedStoreFactory implements ArtifactStoreFactory {

    private final ArtifactStoreFactory factory;
    private final PluginGuard guard;
    private final String scheme;

    GuardedStoreFactory(ArtifactStoreFactory factory, PluginGuard guard) {
        this.factory = factory;
        this.guard = guard;
        this.scheme = guard.call(factory::scheme);
    }

    @Override
    public String scheme() {
        return scheme;
    }

    @Override
    public ArtifactStore create(ArtifactStoreContext context) {
        ArtifactStore store = guard.call(() -> factory.create(context));
        return new ArtifactStore() {
            @Override
            public Fetched fetch(URI location, Path target) throws IOException {
                return io(() -> store.fetch(location, target));
            }

            @Override
            public void store(Path source, URI location) throws IOException {
                io(() -> {
                    store.store(source, location);
                    return null;
                });
            }

            @Override
            public void delete(URI location) throws IOException {
                io(() -> {
                    store.delete(location);
                    return null;
                });
            }

            @Override
            public void close() {
                guard.run(store::close);
            }
        };
    }

    private interface IoCall<T> {
        T call() throws IOException;
    }

    /**
     * The guard's treatment (the plugin's class loader as context, its runtime failures named with the plugin), but
     * the store's own {@link IOException}s pass as they are.
     */
    private <T> T io(IoCall<T> call) throws IOException {
        try {
            return guard.call(() -> {
                try {
                    return call.call();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (PluginException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e;
        }
    }
}
