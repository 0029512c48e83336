package dev.skiff.engine.plugin;

import java.util.Set;
import java.util.function.Supplier;

/**
 * What both guarded factories share: the plugin's guard, and the factory's name and config keys,
 * read once through the guard when the plugin loads.
 */
abstract class GuardedFactory {

    final PluginGuard guard;
    private final String name;
    private final Set<String> configKeys;

    GuardedFactory(PluginGuard guard, Supplier<String> name, Supplier<Set<String>> configKeys) {
        this.guard = guard;
        this.name = guard.call(name);
        this.configKeys = Set.copyOf(guard.call(configKeys));
    }

    public String name() {
        return name;
    }

    public Set<String> configKeys() {
        return configKeys;
    }
}
