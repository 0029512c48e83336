package dev.skiff.engine.cli;

import dev.skiff.engine.plugin.PluginSet;
import dev.skiff.spi.executor.StepExecutorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * Step executor factories by name for the controller: those of the plugin folders (guarded), then those on the
 * engine's own module or class path (as {@code skiff run} finds {@code local}).
 */
final class ExecutorCatalog {

    private final List<StepExecutorFactory> factories = new ArrayList<>();
    private final PluginSet plugins;

    ExecutorCatalog(PluginSet plugins) {
        this.plugins = plugins;
        plugins.plugins().forEach(p -> factories.addAll(p.executorFactories()));
        ServiceLoader.load(StepExecutorFactory.class, ExecutorCatalog.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).forEach(factories::add);
    }

    /**
     * The factory named {@code type}, after checking {@code keys} against the ones it takes.
     *
     * @throws UserInputException naming the known executors (and broken plugins), or the unknown key
     */
    StepExecutorFactory find(String type, Map<String, String> keys, String source) {
        StepExecutorFactory found = factories.stream().filter(f -> f.name().equals(type)).findFirst()
                .orElseThrow(() -> new UserInputException(source + ": executor.type '" + type + "' is not installed;"
                        + " known executors: " + new TreeSet<>(factories.stream().map(StepExecutorFactory::name)
                        .toList()) + problems()));
        for (String key : keys.keySet()) {
            if (!found.configKeys().contains(key)) {
                throw new UserInputException(source + ": executor has unknown key '" + key + "' for executor type '"
                        + type + "'; known keys: type" + (found.configKeys().isEmpty() ? ""
                        : ", " + String.join(", ", new TreeSet<>(found.configKeys()))));
            }
        }
        return found;
    }

    /**
     * The executor's settings as the controller passes them: the controller's {@code instanceId} is added for an
     * executor that takes one (its pods carry it, and it refuses requests of another instance), unless set.
     *
     * @throws UserInputException when the executor's own {@code instanceId} is not the controller's
     */
    static Map<String, String> withInstanceId(StepExecutorFactory factory, Map<String, String> keys,
                                              String instanceId, String source) {
        if (!factory.configKeys().contains("instanceId")) {
            return keys;
        }
        String own = keys.get("instanceId");
        if (own != null && !own.strip().equals(instanceId)) {
            throw new UserInputException(source + ": executor.instanceId must be the controller's instanceId (leave"
                    + " it out: the controller passes its own)");
        }
        Map<String, String> out = new java.util.LinkedHashMap<>(keys);
        out.put("instanceId", instanceId);
        return out;
    }

    private String problems() {
        if (plugins.problems().isEmpty()) {
            return "";
        }
        List<String> folders = plugins.problems().stream().map(p -> p.folder().getFileName().toString()).toList();
        return "; plugins that failed to load: " + folders;
    }
}
