package dev.skiff.engine.plugin;

import java.nio.file.Path;

/**
 * Why a plugin folder (or one of its providers) was left out.
 *
 * @param folder  the plugin folder
 * @param kind    what went wrong
 * @param message what was wrong and what to do, naming the folder
 */
public record PluginProblem(Path folder, Kind kind, String message) {

    /** The ways a plugin can be broken. */
    public enum Kind {
        /** Not a folder of module jars, or a jar that is no valid module. */
        NOT_A_MODULE,
        /** Carries its own copy of the SPI or the engine. */
        BUNDLES_SPI,
        /** A module it requires is neither in its folder nor in the engine. */
        MISSING_DEPENDENCY,
        /** Its modules cannot be defined together (such as one package in two jars). */
        LAYER_FAILED,
        /** It provides no Skiff service. */
        NO_PROVIDERS,
        /** A provider's constructor, {@code name()} or {@code configKeys()} threw. */
        FACTORY_FAILED,
        /** Its provider name is also provided by another plugin. */
        DUPLICATE_PROVIDER
    }

    @Override
    public String toString() {
        return message;
    }
}
