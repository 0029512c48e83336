package dev.skiff.engine.plugin;

import dev.skiff.spi.artifact.ArtifactStoreFactory;
import dev.skiff.spi.auth.ClusterAuthProviderFactory;
import dev.skiff.spi.executor.StepExecutorFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * One loaded plugin folder.
 *
 * @param folder            the folder under {@code plugins/}
 * @param modules           the names of the modules that provide its services
 * @param version           their version, or "unversioned"
 * @param layer             the module layer the folder was loaded into
 * @param authFactories     its cluster-auth factories, each guarded (see {@link PluginGuard})
 * @param executorFactories its step-executor factories, guarded likewise
 * @param storeFactories    its artifact-store factories, guarded likewise
 */
public record Plugin(Path folder, List<String> modules, String version, ModuleLayer layer,
        List<ClusterAuthProviderFactory> authFactories, List<StepExecutorFactory> executorFactories,
        List<ArtifactStoreFactory> storeFactories) {

    public Plugin {
        modules = List.copyOf(modules);
        authFactories = List.copyOf(authFactories);
        executorFactories = List.copyOf(executorFactories);
        storeFactories = List.copyOf(storeFactories);
    }

    /** A plugin without artifact stores (the signature before they were added). */
    public Plugin(Path folder, List<String> modules, String version, ModuleLayer layer,
                  List<ClusterAuthProviderFactory> authFactories, List<StepExecutorFactory> executorFactories) {
        this(folder, modules, version, layer, authFactories, executorFactories, List.of());
    }

    /** The folder's name, which is how users and messages refer to the plugin. */
    public String name() {
        return folder.getFileName().toString();
    }

    /** The class loader of the plugin's layer (one per layer). */
    public ClassLoader classLoader() {
        return layer.findLoader(modules.getFirst());
    }

    /** Its provider names, auth then executors, then artifact stores (by scheme). */
    public List<String> providerNames() {
        var names = new java.util.ArrayList<String>();
        authFactories.forEach(f -> names.add(f.name()));
        executorFactories.forEach(f -> names.add(f.name()));
        storeFactories.forEach(f -> names.add(f.scheme()));
        return names;
    }

    @Override
    public String toString() {
        return "Plugin[" + folder + ", modules=" + modules + "]";
    }
}
