package dev.skiff.engine.plugin;

import dev.skiff.spi.executor.ExecutorContext;
import dev.skiff.spi.executor.StepExecutor;
import dev.skiff.spi.executor.StepExecutorFactory;
import dev.skiff.spi.executor.StepListener;
import dev.skiff.spi.executor.StepOutcome;
import dev.skiff.spi.executor.StepRef;
import dev.skiff.spi.executor.StepRequest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A plugin's executor factory, and the executors it creates, seen through its {@link PluginGuard}. */
final class GuardedExecutorFactory implements StepExecutorFactory {

    private final StepExecutorFactory factory;
    private final PluginGuard guard;
    private final String name;
    private final Set<String> configKeys;

    GuardedExecutorFactory(StepExecutorFactory factory, PluginGuard guard) {
        this.factory = factory;
        this.guard = guard;
        this.name = guard.call(factory::name);
        this.configKeys = Set.copyOf(guard.call(factory::configKeys));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> configKeys() {
        return configKeys;
    }

    @Override
    public StepExecutor create(Map<String, String> config, ExecutorContext context) {
        StepExecutor executor = guard.call(() -> factory.create(config, context));
        return new StepExecutor() {
            @Override
            public void start(StepRequest request, StepListener listener) {
                guard.run(() -> executor.start(request, listener));
            }

            @Override
            public Optional<StepOutcome> observe(StepRef ref) {
                return guard.call(() -> executor.observe(ref));
            }

            @Override
            public void stop(StepRef ref, String reason) {
                guard.run(() -> executor.stop(ref, reason));
            }

            @Override
            public void close() {
                guard.run(executor::close);
            }
        };
    }

    @Override
    public String toString() {
        return "executor '" + name + "' of plugin " + guard.pluginName();
    }
}
