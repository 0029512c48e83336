package dev.skiff.spi.executor;

import dev.skiff.spi.Stability;
import java.util.Map;
import java.util.Set;

/** A named way to run steps, found with {@link java.util.ServiceLoader}. */
@Stability(Stability.Level.EXPERIMENTAL)
public interface StepExecutorFactory {

    /** The name config uses to pick this executor, such as {@code local} or {@code pod}. */
    String name();

    /** The config keys {@link #create} accepts; others are rejected by the engine. */
    default Set<String> configKeys() {
        return Set.of();
    }

    /** Creates an executor; throws {@link IllegalArgumentException} for bad config. */
    StepExecutor create(Map<String, String> config, ExecutorContext context);
}
