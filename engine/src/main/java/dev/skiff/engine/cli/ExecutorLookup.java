package dev.skiff.engine.cli;

import dev.skiff.spi.executor.StepExecutorFactory;
import java.util.List;
import java.util.ServiceLoader;

/** Finds a step executor factory by name among those on the module path (or class path). */
final class ExecutorLookup {

    private ExecutorLookup() {
    }

    static StepExecutorFactory find(String name) {
        List<StepExecutorFactory> found = ServiceLoader.load(StepExecutorFactory.class, ExecutorLookup.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::get).toList();
        return found.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no step executor named '" + name + "' is installed"
                        + " (found: " + found.stream().map(StepExecutorFactory::name).toList() + "); the"
                        + " distribution's lib/ should hold skiff-executor-local"));
    }
}
