package dev.skiff.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowCodec;
import dev.skiff.engine.model.WorkflowPhase;
import dev.skiff.engine.model.WorkflowStatus;
import dev.skiff.spi.executor.StepExecutor;
import dev.skiff.spi.executor.StepListener;
import dev.skiff.spi.executor.StepOutcome;
import dev.skiff.spi.executor.StepPhase;
import dev.skiff.spi.executor.StepRef;
import dev.skiff.spi.executor.StepRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WorkflowRunnerTest {

    /** Runs steps in memory: they end at once unless their template is held, until stopped. */
    static final class TestingExecutor implements StepExecutor {
        final List<StepRequest> started = new ArrayList<>();
        final Map<StepRef, StepListener> held = new HashMap<>();
        final java.util.Set<String> holdTemplates;

        TestingExecutor(String... holdTemplates) {
            this.holdTemplates = java.util.Set.of(holdTemplates);
        }

        @Override
        public void start(StepRequest request, StepListener listener) {
            started.add(request);
            var now = Optional.of(java.time.Instant.now());
            if (holdTemplates.contains(request.templateName())) {
                held.put(request.ref(), listener);
                listener.onChange(request.ref(), new StepOutcome(StepPhase.RUNNING, OptionalInt.empty(),
                        Optional.empty(), Map.of(), "", now, Optional.empty()));
                return;
            }
            listener.onChange(request.ref(), new StepOutcome(StepPhase.SUCCEEDED, OptionalInt.of(0),
                    Optional.of(String.join(" ", request.command().args())), Map.of(), "", now, now));
        }

        @Override
        public Optional<StepOutcome> observe(StepRef ref) {
            return Optional.empty();
        }

        @Override
        public void stop(StepRef ref, String reason) {
            StepListener listener = held.remove(ref);
            if (listener != null) {
                var now = Optional.of(java.time.Instant.now());
                listener.onChange(ref, new StepOutcome(StepPhase.FAILED, OptionalInt.of(143), Optional.of(""),
                        Map.of(), reason, now, now));
            }
        }
    }

    private static Workflow read(String yaml) {
        return WorkflowCodec.read(yaml, "runner.yaml");
    }

    @Test
    void runsAWorkflowToTheEndAndGeneratesItsName() throws Exception {
        TestingExecutor executor = new TestingExecutor();
        WorkflowRunner runner = new WorkflowRunner(executor, Clock.systemUTC(), new Random(3));
        List<WorkflowStatus> seen = new ArrayList<>();
        Workflow done = runner.run(read("""
                metadata: {generateName: hello-}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps: [[{name: a, template: echo}], [{name: b, template: echo}]]
                    - name: echo
                      container: {image: alpine, args: [hi]}
                """), Map.of(), seen::add);
        assertThat(done.name()).matches("hello-[bcdfghjklmnpqrstvwxz2456789]{5}");
        assertThat(done.status().orElseThrow().phase()).isEqualTo(WorkflowPhase.SUCCEEDED);
        assertThat(done.uid()).isNotEmpty();
        assertThat(done.labels()).containsEntry("workflows.argoproj.io/completed", "true");
        assertThat(executor.started).hasSize(2);
        assertThat(seen).isNotEmpty();
        assertThat(seen.getLast()).isEqualTo(done.status().orElseThrow());
    }

    @Test
    void resumeEndsAnIndefiniteSuspend() throws Exception {
        WorkflowRunner runner = new WorkflowRunner(new TestingExecutor(), Clock.systemUTC(), new Random(3));
        Workflow done = runner.run(read("""
                metadata: {name: approval}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps: [[{name: approve, template: approve}], [{name: go, template: echo}]]
                    - name: approve
                      suspend: {}
                    - name: echo
                      container: {image: alpine}
                """), Map.of(), status -> status.nodes().values().stream()
                .filter(n -> n.type() == NodeType.SUSPEND && n.phase() == NodePhase.RUNNING)
                .findFirst().ifPresent(n -> runner.resume(n.displayName())));
        assertThat(done.status().orElseThrow().phase()).isEqualTo(WorkflowPhase.SUCCEEDED);
    }

    @Test
    void stopStopsRunningStepsAndFailsWithTheReason() throws Exception {
        TestingExecutor executor = new TestingExecutor("long");
        WorkflowRunner runner = new WorkflowRunner(executor, Clock.systemUTC(), new Random(3));
        Workflow done = runner.run(read("""
                metadata: {name: stopme}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps: [[{name: long, template: long}]]
                    - name: long
                      container: {image: alpine}
                """), Map.of(), status -> {
                    if (status.phase() == WorkflowPhase.RUNNING) {
                        runner.stop("interrupted by the user");
                    }
                });
        WorkflowStatus status = done.status().orElseThrow();
        assertThat(status.phase()).isEqualTo(WorkflowPhase.FAILED);
        assertThat(status.message()).isEqualTo("interrupted by the user");
        assertThat(executor.held).isEmpty();
    }
}
