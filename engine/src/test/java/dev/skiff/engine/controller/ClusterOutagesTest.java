package dev.skiff.engine.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.core.ClusterOutage;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The shell's record of unreachable clusters: since the first failure, once per change, the workflow's own by "". */
class ClusterOutagesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T12:00:01Z");

    @Test
    void anOutageStartsAtTheFirstFailureKeepsItsFirstCauseAndEndsAtTheFirstAnswerWakingWorkflowsOncePerChange() {
        TestingClock clock = new TestingClock(T0);
        ClusterOutages outages = new ClusterOutages(clock, Duration.ofSeconds(30));
        AtomicInteger wakes = new AtomicInteger();
        outages.onChange(wakes::incrementAndGet);

        outages.report("spoke2", true, "");
        assertThat(wakes).hasValue(0);
        outages.report("spoke2", false, "ConnectException: refused");
        clock.advance(Duration.ofSeconds(5));
        outages.report("spoke2", false, "SocketTimeoutException: timeout");

        assertThat(wakes).hasValue(1);
        assertThat(outages.unreachable("spoke2")).isTrue();
        assertThat(outages.observation("in-cluster").unreachable()).isEqualTo(Map.of("spoke2",
                new ClusterOutage("spoke2", T0, "ConnectException: refused")));
        assertThat(outages.observation("in-cluster").timeout()).isEqualTo(Duration.ofSeconds(30));

        outages.report("spoke2", true, "");
        outages.report("spoke2", true, "");
        assertThat(wakes).hasValue(2);
        assertThat(outages.observation("in-cluster").unreachable()).isEmpty();
    }

    @Test
    void theWorkflowsOwnClusterIsAlsoKnownByTheEmptyName() {
        ClusterOutages outages = new ClusterOutages(new TestingClock(T0), Duration.ofMinutes(5));
        outages.report("in-cluster", false, "ConnectException: refused");

        assertThat(outages.observation("in-cluster").unreachable()).containsOnlyKeys("in-cluster", "");
        assertThat(outages.observation("other").unreachable()).containsOnlyKeys("in-cluster");
    }
}
