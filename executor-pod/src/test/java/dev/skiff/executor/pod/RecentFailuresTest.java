package dev.skiff.executor.pod;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RecentFailuresTest {

    private final RecentFailures failures = new RecentFailures(Clock.fixed(Instant.parse("2026-12-07T22:00:00Z"),
            ZoneOffset.UTC));

    @Test
    void saysNoneUntilSomethingFailed() {
        assertThat(failures).hasToString("none");
        assertThat(failures.count()).isZero();
    }

    @Test
    void countsEveryFailureButKeepsOnlyTheLastFiveMessagesWithTheirTime() {
        for (int i = 1; i <= 7; i++) {
            failures.add("failure " + i);
        }
        assertThat(failures.count()).isEqualTo(7);
        assertThat(failures.toString()).startsWith("7 (last: [2026-12-07T22:00:00Z failure 3,")
                .endsWith("2026-12-07T22:00:00Z failure 7])").doesNotContain("failure 2");
    }
}
