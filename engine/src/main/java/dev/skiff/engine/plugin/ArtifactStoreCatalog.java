package dev.skiff.engine.plugin;

import dev.skiff.spi.artifact.ArtifactStore;
import dev.skiff.spi.artifact.ArtifactStoreContext;
import dev.skiff.spi.artifact.ArtifactStoreFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The artifact stores of the loaded plugins, by URI scheme, each created on first use with one context (the secrets
 * its locations name) and closed with the catalog. A scheme two plugins offer is ambiguous and left out, as auth
 * names are ({@link AuthProviderCatalog}).
 */
public final class ArtifactStoreCatalog implements AutoCloseable {

    private final Map<String, ArtifactStoreFactory> factories;
    private final ArtifactStoreContext context;
    private final Map<String, ArtifactStore> open = new HashMap<>();

    private ArtifactStoreCatalog(Map<String, ArtifactStoreFactory> factories, ArtifactStoreContext context) {
        this.factories = factories;
        this.context = context;
    }

    /** The stores of {@code plugins}, created with {@code context}. */
    public static ArtifactStoreCatalog of(PluginSet plugins, ArtifactStoreContext context) {
        Map<String, List<ArtifactStoreFactory>> offers = plugins.plugins().stream()
                .flatMap(p -> p.storeFactories().stream())
                .collect(Collectors.groupingBy(ArtifactStoreFactory::scheme, TreeMap::new, Collectors.toList()));
        Map<String, ArtifactStoreFactory> unique = new TreeMap<>();
        offers.forEach((scheme, list) -> {
            if (list.size() == 1) {
                unique.put(scheme, list.getFirst());
            }
        });
        return new ArtifactStoreCatalog(unique, context);
    }

    /** A catalog without stores. */
    public static ArtifactStoreCatalog empty() {
        return new ArtifactStoreCatalog(Map.of(), null);
    }

    /** The schemes served. */
    public Set<String> schemes() {
        return factories.keySet();
    }

    /** The store of {@code scheme}, created on first use; empty when no plugin serves it. */
    public synchronized Optional<ArtifactStore> store(String scheme) {
        ArtifactStoreFactory factory = factories.get(scheme);
        if (factory == null) {
            return Optional.empty();
        }
        return Optional.of(open.computeIfAbsent(scheme, s -> factory.create(context)));
    }

    @Override
    public synchronized void close() {
        open.values().forEach(ArtifactStore::close);
        open.clear();
    }
}
