package dev.skiff.executor.pod;

import dev.skiff.spi.executor.ExecutorContext;
import dev.skiff.spi.executor.StepExecutor;
import dev.skiff.spi.executor.StepExecutorFactory;
import java.util.Map;
import java.util.Set;

/** The {@code pod} executor: steps as pods with Argo's executor ({@code argoexec}) in configured clusters. */
public final class PodExecutorFactory implements StepExecutorFactory {

    @Override
    public String name() {
        return "pod";
    }

    @Override
    public Set<String> configKeys() {
        return PodExecutorConfig.KEYS;
    }

    @Override
    public StepExecutor create(Map<String, String> config, ExecutorContext context) {
        return new PodExecutor(PodExecutorConfig.parse(config), context);
    }
}
