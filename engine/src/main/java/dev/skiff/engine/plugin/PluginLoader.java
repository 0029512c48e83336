package dev.skiff.engine.plugin;

import dev.skiff.engine.plugin.PluginProblem.Kind;
import dev.skiff.spi.artifact.ArtifactStoreFactory;
import dev.skiff.spi.auth.ClusterAuthProviderFactory;
import dev.skiff.spi.executor.StepExecutorFactory;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads every folder of a {@code plugins/} directory into its own module layer over the
 * engine's, and finds the auth and executor factories its modules provide. A broken folder is
 * reported as a {@link PluginProblem} and left out; the others load regardless.
 */
public final class PluginLoader {

    /** Module names a plugin may not carry: they are the engine's. */
    public static final Set<String> RESERVED_MODULES = Set.of(HostLayer.SPI_MODULE, "dev.skiff.engine");

    private static final System.Logger LOG = System.getLogger(PluginLoader.class.getName());

    private final ModuleLayer host;

    public PluginLoader() {
        this.host = HostLayer.get();
    }

    /** Loads all plugin folders of {@code pluginsDirectory}, in name order; a missing directory has none. */
    public PluginSet load(Path pluginsDirectory) {
        if (!Files.isDirectory(pluginsDirectory)) {
            return PluginSet.empty();
        }
        List<Path> entries;
        try (Stream<Path> list = Files.list(pluginsDirectory)) {
            entries = list.sorted().toList();
        } catch (IOException e) {
            return new PluginSet(List.of(), List.of(new PluginProblem(pluginsDirectory, Kind.NOT_A_MODULE,
                    "cannot list plugin directory " + pluginsDirectory + ": " + e.getMessage())));
        }
        List<Plugin> plugins = new ArrayList<>();
        List<PluginProblem> problems = new ArrayList<>();
        for (Path entry : entries) {
            if (entry.getFileName().toString().startsWith(".")) {
                continue;
            }
            try {
                Plugin plugin = loadFolder(entry);
                plugins.add(plugin);
                LOG.log(System.Logger.Level.INFO, "plugin folder={0} module={1} version={2} providers={3}",
                        entry, String.join(",", plugin.modules()), plugin.version(), plugin.providerNames());
            } catch (BrokenPlugin broken) {
                problems.add(broken.problem);
                LOG.log(System.Logger.Level.WARNING, broken.problem.message());
            }
        }
        return new PluginSet(plugins, problems);
    }

    /** Loads the one plugin folder {@code folder} (absent: none), as {@link #load} loads each. */
    public PluginSet loadOne(Path folder) {
        if (!Files.isDirectory(folder)) {
            return PluginSet.empty();
        }
        try {
            return new PluginSet(List.of(loadFolder(folder)), List.of());
        } catch (BrokenPlugin broken) {
            LOG.log(System.Logger.Level.WARNING, broken.problem.message());
            return new PluginSet(List.of(), List.of(broken.problem));
        }
    }

    /** Loads one folder; throws {@link BrokenPlugin} with the reason when it cannot. */
    Plugin loadFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw broken(folder, Kind.NOT_A_MODULE, "is not a folder; a plugin is a folder of module jars"
                    + " (put " + folder.getFileName() + " into plugins/<name>/)");
        }
        Set<ModuleReference> found;
        try {
            found = ModuleFinder.of(folder).findAll();
        } catch (FindException e) {
            throw broken(folder, Kind.NOT_A_MODULE, "holds a jar that is not a valid module: " + causes(e));
        }
        if (found.isEmpty()) {
            throw broken(folder, Kind.NOT_A_MODULE, "holds no jar files");
        }
        checkNotBundlingTheSpi(folder, found);
        Set<ModuleReference> own = withoutAutomaticModulesOfTheHost(found);
        Set<String> roots = own.stream().map(r -> r.descriptor().name()).collect(Collectors.toSet());
        Configuration cf;
        try {
            cf = host.configuration().resolve(finderOf(own), ModuleFinder.of(), roots);
        } catch (FindException | ResolutionException e) {
            String message = causes(e);
            throw broken(folder, Kind.MISSING_DEPENDENCY, "cannot be resolved: " + message
                    + (message.contains("not found") ? "; add the missing jar to the folder" : ""));
        }
        ModuleLayer layer;
        try {
            ModuleLayer.Controller controller = ModuleLayer.defineModulesWithOneLoader(cf, List.of(host),
                    PluginLoader.class.getClassLoader());
            layer = controller.layer();
            if (HostLayer.bridged()) {
                layer.modules().forEach(m -> controller.addReads(m, HostLayer.spiModule()));
            }
        } catch (RuntimeException e) {
            throw broken(folder, Kind.LAYER_FAILED, "cannot be loaded as a module layer: " + causes(e));
        }
        return providers(folder, layer);
    }

    /**
     * Leaves out jars holding an automatic module the host layer already has: an automatic module
     * reads every module of the parent layers, so a second copy of it would read its namesake and
     * cannot resolve. The plugin then reads the engine's copy. Such a shared automatic module (the
     * Kubernetes client) reads the engine's copies of everything, so a plugin that shares one also
     * takes every other module the engine has from the engine (its own OkHttp or Gson would make
     * objects passed to the shared client come from two class loaders). Other plugins' explicit
     * modules may shadow the engine's freely.
     */
    private Set<ModuleReference> withoutAutomaticModulesOfTheHost(Set<ModuleReference> found) {
        boolean sharesAutomatic = found.stream().anyMatch(ref -> ref.descriptor().isAutomatic()
                && host.findModule(ref.descriptor().name()).isPresent());
        Set<ModuleReference> own = new java.util.LinkedHashSet<>();
        for (ModuleReference ref : found) {
            String name = ref.descriptor().name();
            if ((sharesAutomatic || ref.descriptor().isAutomatic()) && host.findModule(name).isPresent()) {
                LOG.log(System.Logger.Level.DEBUG, "plugin jar {0} left out: the engine has module {1}",
                        ref.location().orElse(null), name);
            } else {
                own.add(ref);
            }
        }
        return own;
    }

    private static ModuleFinder finderOf(Set<ModuleReference> refs) {
        return new ModuleFinder() {
            @Override
            public java.util.Optional<ModuleReference> find(String name) {
                return refs.stream().filter(r -> r.descriptor().name().equals(name)).findFirst();
            }

            @Override
            public Set<ModuleReference> findAll() {
                return refs;
            }
        };
    }

    private void checkNotBundlingTheSpi(Path folder, Set<ModuleReference> found) {
        for (ModuleReference ref : found) {
            ModuleDescriptor d = ref.descriptor();
            boolean spiPackage = d.packages().stream().anyMatch(p -> p.equals("dev.skiff.spi")
                    || p.startsWith("dev.skiff.spi.") || p.startsWith("dev.skiff.engine"));
            if (RESERVED_MODULES.contains(d.name()) || spiPackage) {
                String jar = ref.location().map(u -> Path.of(u).getFileName().toString()).orElse(d.name());
                throw broken(folder, Kind.BUNDLES_SPI, "bundles Skiff's own SPI or engine (module " + d.name()
                        + " in " + jar + "); remove it from the folder: plugins get the SPI from the engine"
                        + " (mark skiff-spi as provided in the plugin's pom)");
            }
        }
    }

    private Plugin providers(Path folder, ModuleLayer layer) {
        ClassLoader loader = layer.modules().iterator().next().getClassLoader();
        PluginGuard guard = new PluginGuard(folder.getFileName().toString(), folder, loader);
        List<Found<ClusterAuthProviderFactory>> auth = instantiate(folder, layer, guard,
                ClusterAuthProviderFactory.class, f -> new GuardedAuthFactory(f, guard));
        List<Found<StepExecutorFactory>> executors = instantiate(folder, layer, guard,
                StepExecutorFactory.class, f -> new GuardedExecutorFactory(f, guard));
        List<Found<ArtifactStoreFactory>> stores = instantiate(folder, layer, guard,
                ArtifactStoreFactory.class, f -> new GuardedStoreFactory(f, guard));
        if (auth.isEmpty() && executors.isEmpty() && stores.isEmpty()) {
            throw broken(folder, Kind.NO_PROVIDERS, "provides no Skiff service: no module in it declares"
                    + " 'provides " + ClusterAuthProviderFactory.class.getName() + "', 'provides "
                    + StepExecutorFactory.class.getName() + "' or 'provides " + ArtifactStoreFactory.class.getName()
                    + "'");
        }
        Set<Module> providing = new java.util.LinkedHashSet<>();
        auth.forEach(f -> providing.add(f.module()));
        executors.forEach(f -> providing.add(f.module()));
        stores.forEach(f -> providing.add(f.module()));
        List<String> modules = providing.stream().map(Module::getName).sorted().toList();
        String version = providing.stream().map(m -> m.getDescriptor().rawVersion().orElse(""))
                .filter(v -> !v.isEmpty()).collect(Collectors.toCollection(TreeSet::new)).stream()
                .collect(Collectors.joining(","));
        return new Plugin(folder, modules, version.isEmpty() ? "unversioned" : version, layer,
                auth.stream().map(Found::factory).toList(), executors.stream().map(Found::factory).toList(),
                stores.stream().map(Found::factory).toList());
    }

    private record Found<S>(S factory, Module module) {
    }

    /** Instantiates the providers of {@code service} whose module lives in this very layer. */
    private static <S> List<Found<S>> instantiate(Path folder, ModuleLayer layer, PluginGuard guard,
            Class<S> service, Function<S, S> wrap) {
        List<Found<S>> result = new ArrayList<>();
        try {
            List<java.util.ServiceLoader.Provider<S>> providers = guard.call(() ->
                    java.util.ServiceLoader.load(layer, service).stream()
                            .filter(p -> p.type().getModule().getLayer() == layer).toList());
            for (var provider : providers) {
                S factory = guard.call(provider::get);
                result.add(new Found<>(wrap.apply(factory), provider.type().getModule()));
            }
        } catch (RuntimeException e) {
            throw broken(folder, Kind.FACTORY_FAILED, "has a " + service.getSimpleName()
                    + " that fails when created: " + causes(e));
        }
        return result;
    }

    private static String causes(Throwable e) {
        Throwable t = e instanceof PluginException && e.getCause() != null ? e.getCause() : e;
        return PluginGuard.describe(t);
    }

    private static BrokenPlugin broken(Path folder, Kind kind, String what) {
        return new BrokenPlugin(new PluginProblem(folder, kind, "plugin folder " + folder + " " + what));
    }

    /** Thrown inside the loader to abandon one folder. */
    static final class BrokenPlugin extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient PluginProblem problem;

        BrokenPlugin(PluginProblem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }
    }
}
