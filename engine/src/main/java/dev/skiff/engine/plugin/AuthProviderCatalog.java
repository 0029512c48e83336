package dev.skiff.engine.plugin;

import dev.skiff.engine.plugin.PluginProblem.Kind;
import dev.skiff.spi.auth.ClusterAuthProviderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The cluster-auth providers by name, from the loaded plugins. A name offered by two plugins (or
 * twice by one) is ambiguous: neither offer is kept and both folders are reported.
 */
public final class AuthProviderCatalog {

    /** A usable provider and the plugin it comes from. */
    public record Entry(String name, ClusterAuthProviderFactory factory, Plugin plugin) {
    }

    private final Map<String, Entry> byName;
    private final List<PluginProblem> problems;
    private final List<PluginProblem> pluginProblems;

    private AuthProviderCatalog(Map<String, Entry> byName, List<PluginProblem> problems,
            List<PluginProblem> pluginProblems) {
        this.byName = byName;
        this.problems = problems;
        this.pluginProblems = pluginProblems;
    }

    public static AuthProviderCatalog of(PluginSet plugins) {
        Map<String, List<Entry>> offers = new TreeMap<>();
        for (Plugin plugin : plugins.plugins()) {
            for (ClusterAuthProviderFactory factory : plugin.authFactories()) {
                offers.computeIfAbsent(factory.name(), n -> new ArrayList<>())
                        .add(new Entry(factory.name(), factory, plugin));
            }
        }
        Map<String, Entry> byName = new LinkedHashMap<>();
        List<PluginProblem> problems = new ArrayList<>();
        offers.forEach((name, entries) -> {
            if (entries.size() == 1) {
                byName.put(name, entries.getFirst());
                return;
            }
            List<Path> folders = entries.stream().map(e -> e.plugin().folder()).distinct().toList();
            for (Path folder : folders) {
                problems.add(new PluginProblem(folder, Kind.DUPLICATE_PROVIDER, "plugin folder " + folder
                        + " provides auth type '" + name + "', which " + folders + " all provide; the name is"
                        + " ambiguous and left out: remove all but one of them"));
            }
        });
        return new AuthProviderCatalog(byName, List.copyOf(problems), plugins.problems());
    }

    public Optional<Entry> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The usable provider names, sorted. */
    public List<String> names() {
        return List.copyOf(new TreeSet<>(byName.keySet()));
    }

    /** Ambiguous names found while building the catalog. */
    public List<PluginProblem> problems() {
        return problems;
    }

    /**
     * Why {@code name} is not available, for a user who configured it: the known names and the
     * problems of plugins that might have provided it.
     */
    public String whyMissing(String name) {
        StringBuilder why = new StringBuilder("unknown auth type '" + name + "'; known types: " + names());
        List<String> related = new ArrayList<>();
        problems.stream().filter(p -> p.message().contains("'" + name + "'")).forEach(p -> related.add(p.message()));
        pluginProblems.forEach(p -> related.add(p.message()));
        if (!related.isEmpty()) {
            why.append(". Plugins that failed to load (one may provide it): ").append(String.join("; ", related));
        }
        return why.toString();
    }
}
