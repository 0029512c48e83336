package dev.skiff.engine.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.spi.executor.ExecutorContext;
import dev.skiff.spi.executor.StepExecutor;
import dev.skiff.spi.executor.StepExecutorFactory;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GuardedExecutorFactoryTest {

    /**
     * Found wiring the controller to the pod executor: the guard did not forward {@code workflowCompleted} and
     * {@code reattach}, so the interface's defaults ran (task results were never deleted, re-attachments could
     * create pods). Every method of the interface must reach the plugin's executor.
     */
    @Test
    void everyStepExecutorMethodReachesThePluginsExecutor() throws Exception {
        List<String> calls = new ArrayList<>();
        StepExecutor inner = (StepExecutor) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {StepExecutor.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    return method.getReturnType() == Optional.class ? Optional.empty() : null;
                });
        StepExecutorFactory factory = new StepExecutorFactory() {
            @Override
            public String name() {
                return "recording";
            }

            @Override
            public StepExecutor create(Map<String, String> config, ExecutorContext context) {
                return inner;
            }
        };
        StepExecutor guarded = new GuardedExecutorFactory(factory,
                new PluginGuard("recording", Path.of("plugins/recording"), getClass().getClassLoader()))
                .create(Map.of(), null);

        List<String> expected = new ArrayList<>();
        for (Method m : StepExecutor.class.getMethods()) {
            if (m.getDeclaringClass() != StepExecutor.class || java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            expected.add(m.getName());
            m.invoke(guarded, new Object[m.getParameterCount()]);
        }

        assertThat(expected).contains("start", "reattach", "stop", "settle", "delete", "workflowCompleted", "workflowDeleted");
        assertThat(calls).containsExactlyInAnyOrderElementsOf(expected);
    }
}
