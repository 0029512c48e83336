package dev.skiff.engine.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** client-go workqueue semantics, with a clock the test moves (no sleeping). */
class WorkQueueTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final TestingClock clock = new TestingClock(T0);
    private final WorkQueue<String> queue = new WorkQueue<>(clock);

    @Test
    void repeatedAddsOfAWaitingKeyCollapse() {
        queue.add("a");
        queue.add("b");
        queue.add("a");
        assertThat(queue.depth()).isEqualTo(2);
        assertThat(queue.poll()).contains("a");
        assertThat(queue.poll()).contains("b");
        assertThat(queue.poll()).isEmpty();
    }

    @Test
    void aKeyIsHandedToOneWorkerAtATimeAndAgainIfAddedMeanwhile() {
        queue.add("a");
        assertThat(queue.poll()).contains("a");
        queue.add("a");
        queue.add("a");
        assertThat(queue.poll()).as("held by a worker").isEmpty();
        queue.done("a");
        assertThat(queue.poll()).contains("a");
        queue.done("a");
        assertThat(queue.poll()).isEmpty();
    }

    @Test
    void aDelayedKeyComesAtItsTimeAndNotBefore() {
        queue.addAt("a", T0.plusSeconds(10));
        clock.advance(Duration.ofMillis(9_999));
        assertThat(queue.poll()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(queue.poll()).contains("a");
    }

    @Test
    void everyTimeAskedForIsKeptNotJustTheEarliest() {
        queue.addAt("a", T0.plusSeconds(20));
        queue.addAt("a", T0.plusSeconds(5));
        queue.addAt("a", T0.plusSeconds(5));
        assertThat(queue.delayedCount()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(5));
        assertThat(queue.poll()).contains("a");
        queue.done("a");
        assertThat(queue.poll()).isEmpty();
        clock.advance(Duration.ofSeconds(15));
        assertThat(queue.poll()).contains("a");
    }

    @Test
    void aDelayedKeyThatIsDueWhileHeldComesAfterDone() {
        queue.add("a");
        assertThat(queue.poll()).contains("a");
        queue.addAt("a", T0.plusSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(queue.poll()).isEmpty();
        queue.done("a");
        assertThat(queue.poll()).contains("a");
    }

    @Test
    void aTimeNotInTheFutureIsNow() {
        queue.addAt("a", T0);
        assertThat(queue.poll()).contains("a");
    }

    @Test
    void failuresBackOffExponentiallyUntilForgotten() {
        queue.addRateLimited("a");
        clock.advance(Duration.ofMillis(99));
        assertThat(queue.poll()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(queue.poll()).contains("a");
        queue.done("a");
        queue.addRateLimited("a");
        clock.advance(Duration.ofMillis(199));
        assertThat(queue.poll()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(queue.poll()).contains("a");
        queue.done("a");
        queue.forget("a");
        queue.addRateLimited("a");
        clock.advance(Duration.ofMillis(100));
        assertThat(queue.poll()).contains("a");
    }

    @Test
    void takeReturnsAReadyKeyAndShutDownWakesWaiters() throws InterruptedException {
        queue.add("a");
        assertThat(queue.take(Duration.ofSeconds(5))).contains("a");
        queue.shutDown();
        assertThat(queue.take(Duration.ofMinutes(5))).isEmpty();
        queue.add("b");
        assertThat(queue.poll()).isEqualTo(Optional.empty());
    }
}
