package dev.skiff.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.spi.executor.ExecutorContext;
import dev.skiff.spi.executor.StepExecutor;
import dev.skiff.spi.executor.StepExecutorFactory;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExecutorCatalogTest {

    private static StepExecutorFactory factory(Set<String> keys) {
        return new StepExecutorFactory() {
            @Override
            public String name() {
                return "pod";
            }

            @Override
            public Set<String> configKeys() {
                return keys;
            }

            @Override
            public StepExecutor create(Map<String, String> config, ExecutorContext context) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void theControllersInstanceIdIsPassedToAnExecutorThatTakesOne() {
        var settings = ExecutorCatalog.withInstanceId(factory(Set.of("image", "instanceId")), Map.of("image", "x"),
                "team-a", "c.yaml");

        assertThat(settings).containsEntry("image", "x").containsEntry("instanceId", "team-a");
    }

    @Test
    void anEmptyInstanceIdIsPassedTooAndAnExecutorWithoutTheKeyGetsNothing() {
        assertThat(ExecutorCatalog.withInstanceId(factory(Set.of("instanceId")), Map.of(), "", "c.yaml"))
                .containsExactly(Map.entry("instanceId", ""));
        assertThat(ExecutorCatalog.withInstanceId(factory(Set.of()), Map.of(), "team-a", "c.yaml")).isEmpty();
    }

    @Test
    void anExecutorInstanceIdOtherThanTheControllersIsRefused() {
        assertThatThrownBy(() -> ExecutorCatalog.withInstanceId(factory(Set.of("instanceId")),
                Map.of("instanceId", "other"), "team-a", "c.yaml"))
                .isInstanceOf(UserInputException.class)
                .hasMessage("c.yaml: executor.instanceId must be the controller's instanceId (leave it out: the"
                        + " controller passes its own)");
        assertThat(ExecutorCatalog.withInstanceId(factory(Set.of("instanceId")), Map.of("instanceId", "team-a"),
                "team-a", "c.yaml")).containsEntry("instanceId", "team-a");
    }
}
