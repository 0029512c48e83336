package dev.skiff.engine.controller;

import dev.skiff.spi.executor.ExecutorContext;
import dev.skiff.spi.executor.StepExecutor;
import dev.skiff.spi.executor.StepExecutorFactory;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code testing} step executor, found through the SPI ({@code META-INF/services}) like any executor plugin;
 * config key {@code id} names the instance so that a test can reach the executor a controller created.
 */
public final class TestingStepExecutorFactory implements StepExecutorFactory {

    private static final Map<String, TestingStepExecutor> CREATED = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "testing";
    }

    @Override
    public Set<String> configKeys() {
        return Set.of("id");
    }

    @Override
    public StepExecutor create(Map<String, String> config, ExecutorContext context) {
        TestingStepExecutor executor = new TestingStepExecutor(context.clock());
        CREATED.put(config.getOrDefault("id", ""), executor);
        return executor;
    }

    static TestingStepExecutor created(String id) {
        return CREATED.get(id);
    }
}
