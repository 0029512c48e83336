package dev.skiff.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.model.WorkflowPhase;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetriesTest {

    private static TestingSteps failing(int... exitCodes) {
        TestingSteps.Behaviour[] behaviours = new TestingSteps.Behaviour[exitCodes.length];
        for (int i = 0; i < exitCodes.length; i++) {
            behaviours[i] = exitCodes[i] == 0 ? TestingSteps.Behaviour.ok("ok").withOutput("p", "v" + i)
                    : TestingSteps.Behaviour.exit(exitCodes[i]);
        }
        return new TestingSteps().sequence("main", behaviours);
    }

    @Test
    void limitZeroFailsWithNoMoreRetriesLeft() {
        // Argo's e2e TestRetryLimit (test/e2e/retry_test.go).
        TestingRun run = TestingRun.run("""
                metadata: {name: test-retry-limit}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      retryStrategy: {limit: 0, backoff: {duration: 2s, factor: 2, maxDuration: 5m}}
                      container: {name: main, image: argoproj/argosay:v2, args: [exit, "1"]}
                """, failing(1));
        run.assertPhase(WorkflowPhase.FAILED);
        assertThat(run.status.message()).isEqualTo("No more retries left");
        assertThat(run.status.progress()).isEqualTo("0/1");
        NodeStatus retry = run.nodeByName("test-retry-limit");
        assertThat(retry.type()).isEqualTo(NodeType.RETRY);
        assertThat(retry.phase()).isEqualTo(NodePhase.FAILED);
        assertThat(retry.nodeFlag()).isEmpty();
        NodeStatus attempt = run.nodeByName("test-retry-limit(0)");
        assertThat(attempt.type()).isEqualTo(NodeType.POD);
        assertThat(attempt.phase()).isEqualTo(NodePhase.FAILED);
        assertThat(attempt.isRetried()).isTrue();
        assertThat(attempt.displayName()).isEqualTo("test-retry-limit(0)");
        assertThat(run.started.getFirst().ref().stepId()).startsWith("test-retry-limit-main-");
    }

    @Test
    void retriesUntilAnAttemptSucceedsAndTakesItsOutputs() {
        TestingRun run = TestingRun.run("""
                metadata: {name: r}
                spec:
                  entrypoint: steps
                  templates:
                    - name: steps
                      steps:
                        - - {name: flaky, template: main}
                        - - {name: next, template: echo}
                    - name: main
                      retryStrategy: {limit: "3"}
                      container: {image: alpine, args: ["try {{retries}}", "{{lastRetry.exitCode}}{{lastRetry.status}}"]}
                      outputs: {parameters: [{name: p, valueFrom: {path: /tmp/p}}]}
                    - name: echo
                      container: {image: alpine}
                """, failing(1, 1, 0));
        run.assertPhase(WorkflowPhase.SUCCEEDED);
        NodeStatus retry = run.node("flaky");
        assertThat(retry.type()).isEqualTo(NodeType.RETRY);
        assertThat(retry.message()).isEmpty();
        assertThat(run.children(retry)).containsExactly("flaky(0)", "flaky(1)", "flaky(2)");
        assertThat(run.param(retry, "p")).isEqualTo("v2");
        assertThat(run.children(run.node("flaky(2)"))).containsExactly("[1]");
        assertThat(run.children(run.node("flaky(0)"))).isEmpty();
        assertThat(run.started).extracting(r -> String.join(" ", r.command().args()))
                .containsExactly("try 0 0", "try 1 1Failed", "try 2 1Failed", "");
        assertThat(run.status.progress()).isEqualTo("2/4");
    }

    @Test
    void backoffWaitsBetweenAttemptsWithWakeUps() {
        TestingRun run = TestingRun.run("""
                metadata: {name: backoff}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      retryStrategy: {limit: 2, retryPolicy: Always, backoff: {duration: "10", factor: 2}}
                      container: {image: alpine}
                """, failing(1, 1, 1));
        run.assertPhase(WorkflowPhase.FAILED);
        Instant t0 = TestingRun.T0;
        // attempt 0 runs 0..1s, waits 10s; attempt 1 runs 11..12s, waits 20s; attempt 2 runs 32..33s.
        assertThat(run.nodeByName("backoff(1)").startedAt()).contains(t0.plusSeconds(11));
        assertThat(run.nodeByName("backoff(2)").startedAt()).contains(t0.plusSeconds(32));
        assertThat(run.nodeByName("backoff").message()).isEqualTo("No more retries left");
        assertThat(run.nodeByName("backoff").finishedAt()).contains(t0.plusSeconds(33));
    }

    @Test
    void onErrorPolicyDoesNotRetryFailures() {
        TestingRun run = TestingRun.run("""
                metadata: {name: onerror}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      retryStrategy: {limit: 5, retryPolicy: OnError}
                      container: {image: alpine}
                """, failing(4, 0));
        run.assertPhase(WorkflowPhase.FAILED);
        assertThat(run.nodeByName("onerror").message()).isEqualTo("main: Error (exit code 4)");
        assertThat(run.nodeByName("onerror").children()).hasSize(1);
    }

    @Test
    void expressionStopsRetriesWhenFalse() {
        TestingRun run = TestingRun.run("""
                metadata: {name: expr}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      retryStrategy: {limit: 10, expression: "asInt(lastRetry.exitCode) == 2"}
                      container: {image: alpine}
                """, failing(2, 2, 1, 0));
        run.assertPhase(WorkflowPhase.FAILED);
        assertThat(run.nodeByName("expr").message()).isEqualTo("retryStrategy.expression evaluated to false");
        assertThat(run.nodeByName("expr").children()).hasSize(3);
    }

    @Test
    void maxDurationEndsRetries() {
        TestingRun run = TestingRun.run("""
                metadata: {name: maxdur}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      retryStrategy: {limit: 10, backoff: {duration: 5s, maxDuration: 8s}}
                      container: {image: alpine}
                """, failing(1));
        run.assertPhase(WorkflowPhase.FAILED);
        // attempt 0: 0..1s, next at 6s, runs 6..7s; the next wait would end at 12s > 0s + 8s.
        assertThat(run.nodeByName("maxdur").message()).isEqualTo("Backoff would exceed max duration limit");
        assertThat(run.nodeByName("maxdur").children()).hasSize(2);
        assertThat(run.started.get(1).deadline()).contains(java.time.Duration.ofSeconds(2));
        assertThat(Optional.of(run.started.size())).contains(2);
    }
}
