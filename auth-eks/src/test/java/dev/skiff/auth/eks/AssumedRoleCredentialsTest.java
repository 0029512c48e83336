package dev.skiff.auth.eks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

class AssumedRoleCredentialsTest {

    static final Instant START = Instant.parse("2026-03-04T05:00:00Z");

    final TestingClock clock = new TestingClock(START);
    final TestingLogger logger = new TestingLogger();
    final List<Instant> assumedAt = new ArrayList<>();
    Duration sessionLifetime = Duration.ofHours(1);
    final AssumedRoleCredentials credentials = new AssumedRoleCredentials("role R", () -> {
        assumedAt.add(clock.instant());
        int n = assumedAt.size();
        return AwsSessionCredentials.builder().accessKeyId("ASIASESSION%04d".formatted(n))
                .secretAccessKey(TestingCredentials.SECRET_PREFIX + n).sessionToken(TestingCredentials.SESSION_PREFIX + n)
                .expirationTime(clock.instant().plus(sessionLifetime)).build();
    }, clock, logger);

    @Test
    void anHourLongSessionIsKeptUntilItsLastMinute() {
        AwsSessionCredentials first = credentials.current();
        clock.advance(Duration.ofMinutes(58).plusSeconds(59));
        assertThat(credentials.current()).isSameAs(first);

        clock.advance(Duration.ofSeconds(1));
        assertThat(credentials.current().accessKeyId()).isEqualTo("ASIASESSION0002");
        assertThat(assumedAt).containsExactly(START, START.plus(Duration.ofMinutes(59)));
    }

    @Test
    void aTwentySecondSessionIsRenewedFourSecondsAheadNotOnEveryUse() {
        sessionLifetime = Duration.ofSeconds(20);
        AwsSessionCredentials first = credentials.current();
        for (int i = 0; i < 15; i++) {
            clock.advance(Duration.ofSeconds(1));
            assertThat(credentials.current()).as("after %d s", i + 1).isSameAs(first);
        }
        clock.advance(Duration.ofSeconds(1)); // 16 s in: 4 s, a fifth of the session, left
        AwsSessionCredentials second = credentials.current();

        assertThat(second).isNotSameAs(first);
        assertThat(second.expirationTime()).contains(START.plus(Duration.ofSeconds(36)));
        assertThat(assumedAt).hasSize(2);
    }

    @Test
    void renewAssumesTheRoleAgainOnNextUse() {
        credentials.current();
        credentials.renew();

        assertThat(credentials.current().accessKeyId()).isEqualTo("ASIASESSION0002");
        assertThat(String.join("\n", logger.lines)).contains("role R").doesNotContain(TestingCredentials.SECRET_PREFIX)
                .doesNotContain(TestingCredentials.SESSION_PREFIX).doesNotContain("ASIASESSION");
        assertThat(credentials.toString()).isEqualTo("role R");
    }
}
