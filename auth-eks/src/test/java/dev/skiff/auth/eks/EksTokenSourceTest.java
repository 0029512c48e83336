package dev.skiff.auth.eks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.spi.auth.BearerToken;
import dev.skiff.spi.auth.ClusterAuthException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

class EksTokenSourceTest {

    static final Instant START = Instant.parse("2026-03-04T05:00:00Z");

    final TestingClock clock = new TestingClock(START);
    final TestingLogger logger = new TestingLogger();
    final TestingCredentials credentials = new TestingCredentials(START.plus(Duration.ofHours(1)));
    final EksTokenPresigner presigner = new EksTokenPresigner("spoke-1", "eu-west-1", "sts.eu-west-1.amazonaws.com", clock);
    final AtomicInteger signed = new AtomicInteger();
    final EksTokenSource source = new EksTokenSource("spoke", credentials, c -> {
        signed.incrementAndGet();
        return presigner.presign(c);
    }, clock, logger);

    @Test
    void sameTokenIsHandedOutWhileMoreThanAMinuteIsLeft() {
        BearerToken first = source.token();
        clock.advance(Duration.ofMinutes(13).plusSeconds(59));

        assertThat(source.token()).isSameAs(first);
        assertThat(signed).hasValue(1);
    }

    @Test
    void newTokenIsSignedOnceOnlyAMinuteIsLeft() {
        BearerToken first = source.token();
        clock.advance(Duration.ofMinutes(14));

        BearerToken second = source.token();

        assertThat(second).isNotEqualTo(first);
        assertThat(second.expiresAt()).contains(START.plus(Duration.ofMinutes(29)));
        assertThat(signed).hasValue(2);
    }

    @Test
    void tokenIsRefreshedAheadOfCredentialsThatExpireFirst() {
        credentials.expiresAt = START.plus(Duration.ofMinutes(5));
        BearerToken first = source.token();
        assertThat(first.expiresAt()).contains(START.plus(Duration.ofMinutes(5)));

        clock.advance(Duration.ofMinutes(3).plusSeconds(59));
        assertThat(source.token()).isSameAs(first);

        clock.advance(Duration.ofSeconds(1));
        credentials.expiresAt = START.plus(Duration.ofHours(2));
        credentials.renew(); // what the SDK's provider does on its own near expiry
        BearerToken second = source.token();
        assertThat(second).isNotSameAs(first);
        assertThat(second.expiresAt()).contains(clock.instant().plus(Duration.ofMinutes(15)));
    }

    @Test
    void aTokenCappedByATwentySecondSessionIsReplacedFourSecondsBeforeItsEnd() {
        credentials.expiresAt = START.plus(Duration.ofSeconds(20));
        BearerToken first = source.token();
        clock.advance(Duration.ofSeconds(15));
        assertThat(source.token()).as("5 s left of 20: kept").isSameAs(first);

        clock.advance(Duration.ofSeconds(1));
        credentials.expiresAt = START.plus(Duration.ofSeconds(40));
        credentials.renew();
        BearerToken second = source.token();

        assertThat(second).isNotSameAs(first);
        assertThat(second.expiresAt()).contains(START.plus(Duration.ofSeconds(40)));
        assertThat(signed).hasValue(2);
        assertThat(logger.lines).noneMatch(l -> l.startsWith("WARNING"));
    }

    @Test
    void refreshSignsANewTokenWithRenewedCredentials() {
        BearerToken first = source.token();

        BearerToken forced = source.refresh();

        assertThat(forced.value()).isNotEqualTo(first.value());
        assertThat(EksTokenPresignerTest.decode(forced.value())).contains("ASIATESTING0002");
        assertThat(credentials.renewals).hasValue(1);
        assertThat(source.token()).isSameAs(forced);
    }

    @Test
    void concurrentCallersShareOneSigning() throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<BearerToken>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return source.token();
                }));
            }
            go.countDown();
            BearerToken first = results.get(0).get();
            for (Future<BearerToken> result : results) {
                assertThat(result.get()).isSameAs(first);
            }
            assertThat(signed).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void credentialFailureNamesTheClusterAndTheSourceButNoSecret() {
        var failing = new SigningCredentials() {
            @Override
            public AwsCredentialsIdentity current() {
                throw SdkClientException.create("Failed to load credentials from the container endpoint (HTTP 401)");
            }

            @Override
            public void renew() {
            }

            @Override
            public String toString() {
                return "the Pod Identity agent";
            }
        };
        var broken = new EksTokenSource("spoke", failing, presigner::presign, clock, logger);

        assertThatThrownBy(broken::token)
                .isInstanceOf(ClusterAuthException.class)
                .hasMessageContaining("cluster 'spoke'")
                .hasMessageContaining("the Pod Identity agent")
                .hasMessageContaining("HTTP 401");
    }

    @Test
    void noSecretReachesLogsOrToString() {
        BearerToken token = source.token();
        source.refresh();
        clock.advance(Duration.ofMinutes(20));
        source.token();

        List<String> printed = new ArrayList<>(logger.lines);
        printed.add(source.toString());
        printed.add(token.toString());
        printed.add(presigner.toString());
        assertThat(logger.lines).isNotEmpty();
        assertThat(String.join("\n", printed))
                .doesNotContain(TestingCredentials.SECRET_PREFIX)
                .doesNotContain(TestingCredentials.SESSION_PREFIX)
                .doesNotContain(token.value())
                .doesNotContain("X-Amz-Signature");
    }
}
