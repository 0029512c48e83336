package dev.skiff.engine.plugin;

import dev.skiff.spi.executor.ExecutorContext;
import dev.skiff.spi.executor.StepExecutor;
import dev.skiff.spi.executor.StepExecutorFactory;
import dev.skiff.spi.executor.StepListener;
import dev.skiff.spi.executor.StepOutcome;
import dev.skiff.spi.executor.StepRef;
import dev.skiff.spi.executor.StepRequest;
import dev.skiff.spi.executor.StepTarget;
import java.util.Map;
import java.util.Optional;

/**
 * A plugin's executor factory, and the executors it creates, seen through its {@link PluginGuard}. Every method of
 * {@link StepExecutor} is forwarded, defaults included (a default left out would silently do nothing).
 */
final class GuardedExecutorFactory extends GuardedFactory implements StepExecutorFactory {

    private final StepExecutorFactory factory;

    GuardedExecutorFactory(StepExecutorFactory factory, PluginGuard guard) {
        super(guard, factory::name, factory::configKeys);
        this.factory = factory;
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
            public void reattach(StepRequest request, StepListener listener) {
                guard.run(() -> executor.reattach(request, listener));
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
            public void settle(StepRef ref) {
                guard.run(() -> executor.settle(ref));
            }

            @Override
            public void delete(StepRef ref) {
                guard.run(() -> executor.delete(ref));
            }

            @Override
            public void workflowCompleted(StepTarget target, String workflowName) {
                guard.run(() -> executor.workflowCompleted(target, workflowName));
            }

            @Override
            public void workflowDeleted(StepTarget target, String workflowCluster, String workflowNamespace,
                                        String workflowName) {
                guard.run(() -> executor.workflowDeleted(target, workflowCluster, workflowNamespace, workflowName));
            }

            @Override
            public void close() {
                guard.run(executor::close);
            }
        };
    }

    @Override
    public String toString() {
        return "executor '" + name() + "' of plugin " + guard.pluginName();
    }
}
