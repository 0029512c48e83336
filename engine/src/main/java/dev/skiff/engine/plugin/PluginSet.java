package dev.skiff.engine.plugin;

import java.util.List;

/** What loading {@code plugins/} gave: the plugins that work and the problems of those that don't. */
public record PluginSet(List<Plugin> plugins, List<PluginProblem> problems) {

    public PluginSet {
        plugins = List.copyOf(plugins);
        problems = List.copyOf(problems);
    }

    public static PluginSet empty() {
        return new PluginSet(List.of(), List.of());
    }
}
