package dev.skiff.engine.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** client-go's leader election rules on a lease kept in memory, with a clock the test moves. */
class LeaderElectorTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(15);
    private static final Duration RENEW = Duration.ofSeconds(10);

    private final TestingClock clock = new TestingClock(T0);
    private final MemoryLeases store = new MemoryLeases();

    private LeaderElector elector(String identity) {
        return new LeaderElector(store, identity, LEASE, RENEW, clock);
    }

    /** A lease in memory with resourceVersion checks; can be told to fail. */
    static final class MemoryLeases implements LeaseStore {
        Optional<LeaseRecord> lease = Optional.empty();
        int version;
        boolean down;
        /** Runs as each request starts (a test moves its clock there: a slow API server). */
        Runnable beforeGet = () -> { };
        Runnable beforeCreate = () -> { };

        @Override
        public Optional<LeaseRecord> get() throws LeaseException {
            beforeGet.run();
            check();
            return lease;
        }

        @Override
        public LeaseRecord create(LeaseRecord r) throws LeaseException {
            beforeCreate.run();
            check();
            if (lease.isPresent()) {
                throw new LeaseException("exists");
            }
            return store(r);
        }

        @Override
        public LeaseRecord update(LeaseRecord r) throws LeaseException {
            check();
            if (lease.isEmpty() || !lease.get().resourceVersion().equals(r.resourceVersion())) {
                throw new LeaseException("conflict");
            }
            return store(r);
        }

        private LeaseRecord store(LeaseRecord r) {
            LeaseRecord stored = new LeaseRecord(r.holderIdentity(), r.leaseDurationSeconds(), r.acquireTime(),
                    r.renewTime(), r.leaseTransitions(), String.valueOf(++version));
            lease = Optional.of(stored);
            return stored;
        }

        private void check() throws LeaseException {
            if (down) {
                throw new LeaseException("API server unreachable");
            }
        }
    }

    @Test
    void theFirstReplicaCreatesTheLeaseAndLeads() {
        LeaderElector a = elector("a");
        assertThat(a.tryAcquireOrRenew()).isTrue();
        assertThat(store.lease.orElseThrow().holderIdentity()).isEqualTo("a");
        assertThat(store.lease.get().leaseDurationSeconds()).isEqualTo(15);
        assertThat(store.lease.get().leaseTransitions()).isZero();
    }

    @Test
    void anotherReplicaWaitsWhileTheLeaderRenewsAndTakesOverOnlyAfterTheLeaseDuration() {
        LeaderElector a = elector("a");
        LeaderElector b = elector("b");
        a.tryAcquireOrRenew();
        assertThat(b.tryAcquireOrRenew()).isFalse();
        clock.advance(Duration.ofSeconds(5));
        a.tryAcquireOrRenew();
        clock.advance(Duration.ofSeconds(5));
        assertThat(b.tryAcquireOrRenew()).as("renewed 5 s ago").isFalse();
        // a stops renewing (crashed); b counts the lease duration from when it last saw the lease change.
        clock.advance(Duration.ofSeconds(14));
        assertThat(b.tryAcquireOrRenew()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(b.tryAcquireOrRenew()).isTrue();
        LeaseRecord lease = store.lease.orElseThrow();
        assertThat(lease.holderIdentity()).isEqualTo("b");
        assertThat(lease.leaseTransitions()).isEqualTo(1);
        assertThat(lease.acquireTime()).contains(clock.instant());
    }

    @Test
    void renewingKeepsTheAcquireTime() {
        LeaderElector a = elector("a");
        a.tryAcquireOrRenew();
        clock.advance(Duration.ofSeconds(5));
        assertThat(a.tryAcquireOrRenew()).isTrue();
        assertThat(store.lease.orElseThrow().acquireTime()).contains(T0);
        assertThat(store.lease.get().renewTime()).contains(T0.plusSeconds(5));
    }

    @Test
    void aLeaderThatCannotRenewStopsLeadingAtTheRenewDeadlineEvenBetweenAttempts() {
        LeaderElector a = elector("a");
        a.tryAcquireOrRenew();
        store.down = true;
        clock.advance(Duration.ofSeconds(5));
        assertThat(a.tryAcquireOrRenew()).as("5 s without renewal").isTrue();
        clock.advance(Duration.ofSeconds(5));
        assertThat(a.isLeading()).as("10 s without renewal, no attempt made").isFalse();
        assertThat(a.tryAcquireOrRenew()).isFalse();
    }

    @Test
    void releasingClearsTheHolderSoAnotherTakesOverAtOnce() {
        LeaderElector a = elector("a");
        LeaderElector b = elector("b");
        a.tryAcquireOrRenew();
        assertThat(b.tryAcquireOrRenew()).isFalse();
        a.release();
        assertThat(a.isLeading()).isFalse();
        assertThat(store.lease.orElseThrow().holderIdentity()).isEmpty();
        assertThat(b.tryAcquireOrRenew()).isTrue();
        assertThat(store.lease.get().leaseTransitions()).isEqualTo(1);
    }

    @Test
    void aConcurrentWriteMakesTheAttemptFailWithoutLeading() {
        LeaderElector a = elector("a");
        a.tryAcquireOrRenew();
        LeaderElector b = elector("b");
        b.tryAcquireOrRenew();
        clock.advance(Duration.ofSeconds(20));
        assertThat(b.tryAcquireOrRenew()).isTrue();
        // a's renewal now carries an old resourceVersion: refused, and a is past its renew deadline.
        assertThat(a.tryAcquireOrRenew()).isFalse();
        assertThat(store.lease.orElseThrow().holderIdentity()).isEqualTo("b");
    }

    @Test
    void aRenewalThatComesBackAfterTheRenewDeadlineOfTheLastOneIsALapseThoughItLeadsAgain() {
        LeaderElector a = elector("a");
        assertThat(a.tryAcquireOrRenew()).isTrue();
        clock.advance(Duration.ofSeconds(5));
        assertThat(a.tryAcquireOrRenew()).isTrue();
        assertThat(a.lapses()).isZero();
        // The next attempt starts 6 s later and its read takes 5 s: the renew deadline (10 s after the last
        // renewal) passes while it waits, then it succeeds.
        clock.advance(Duration.ofSeconds(6));
        boolean[] leadingWhileWaiting = {true};
        store.beforeGet = () -> {
            clock.advance(Duration.ofSeconds(5));
            leadingWhileWaiting[0] = a.isLeading();
        };
        assertThat(a.tryAcquireOrRenew()).isTrue();
        assertThat(leadingWhileWaiting[0]).isFalse();
        assertThat(a.isLeading()).isTrue();
        assertThat(a.lapses()).isEqualTo(1);
        store.beforeGet = () -> { };
        clock.advance(Duration.ofSeconds(3));
        assertThat(a.tryAcquireOrRenew()).isTrue();
        assertThat(a.lapses()).isEqualTo(1);
    }
}
