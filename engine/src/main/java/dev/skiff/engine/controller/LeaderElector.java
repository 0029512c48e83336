package dev.skiff.engine.controller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Leader election on a Lease, with client-go's rules ({@code tools/leaderelection}): a lease whose holder has not
 * changed it for {@code leaseDuration} (measured on this replica's clock from when it last saw a change, so clock
 * skew does not matter) may be taken over; the leader renews every {@code retryPeriod} and stops leading when it
 * could not renew for {@code renewDeadline}; releasing clears the holder so another replica takes over at once.
 * One attempt per {@link #tryAcquireOrRenew()} call (the loop around it is {@link LeaderLoop}); not thread-safe
 * except {@link #isLeading()}.
 */
public final class LeaderElector {

    private static final System.Logger LOG = System.getLogger(LeaderElector.class.getName());

    private final LeaseStore store;
    private final String identity;
    private final Duration leaseDuration;
    private final Duration renewDeadline;
    private final Clock clock;
    private Optional<LeaseRecord> observed = Optional.empty();
    private Instant observedAt = Instant.MIN;
    private volatile Instant renewedAt = Instant.MIN;
    private volatile boolean leading;
    private String lastFailure;
    /** Renewals that came back after the renew deadline of the one before (see {@link #lapses()}). */
    private long lapses;

    public LeaderElector(LeaseStore store, String identity, Duration leaseDuration, Duration renewDeadline,
                         Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.leaseDuration = leaseDuration;
        this.renewDeadline = renewDeadline;
        this.clock = clock;
        if (identity.isEmpty()) {
            throw new IllegalArgumentException("the leader election identity must not be empty");
        }
    }

    public String identity() {
        return identity;
    }

    /**
     * Whether this replica leads now: it holds the lease and renewed it less than {@code renewDeadline} ago, so
     * leading ends at the deadline even while a renewal hangs.
     */
    public boolean isLeading() {
        return leading && Duration.between(renewedAt, clock.instant()).compareTo(renewDeadline) < 0;
    }

    /**
     * One attempt to take or renew the lease. Returns whether this replica leads afterwards; a leader whose
     * renewals failed for {@code renewDeadline} stops leading.
     */
    public boolean tryAcquireOrRenew() {
        Instant now = clock.instant();
        boolean ok;
        try {
            ok = attempt(now);
        } catch (LeaseStore.LeaseException e) {
            // said once per distinct failure (a missing namespace, a refused verb), not at every retry
            if (!String.valueOf(e.getMessage()).equals(lastFailure)) {
                lastFailure = String.valueOf(e.getMessage());
                ControllerLog.warn("lease.failed", "identity", identity, "message", lastFailure);
            }
            ok = false;
        }
        if (ok) {
            lastFailure = null;
        }
        if (ok) {
            if (leading && !clock.instant().isBefore(renewedAt.plus(renewDeadline))) {
                // Renewed, but only after the deadline of the last renewal: isLeading() was false meanwhile.
                lapses++;
            }
            renewedAt = now;
            leading = true;
        } else if (leading && Duration.between(renewedAt, now).compareTo(renewDeadline) >= 0) {
            leading = false;
        }
        return isLeading();
    }

    /**
     * How many times leading lapsed without stopping: a renewal succeeded, but only after the renew deadline of
     * the one before, so {@link #isLeading()} was false for a while (a slow lease request or a starved thread on
     * a loaded machine) although no attempt said so. Whoever skipped work while this replica did not lead must
     * catch up, as after a stop and a start. Read on the thread that calls {@link #tryAcquireOrRenew()}.
     */
    long lapses() {
        return lapses;
    }

    private boolean attempt(Instant now) throws LeaseStore.LeaseException {
        Optional<LeaseRecord> current = store.get();
        int seconds = (int) Math.max(1, leaseDuration.toSeconds());
        if (current.isEmpty()) {
            LeaseRecord created = store.create(new LeaseRecord(identity, seconds, Optional.of(now), Optional.of(now),
                    0, ""));
            observe(created, now);
            return true;
        }
        LeaseRecord lease = current.get();
        if (observed.isEmpty() || !observed.get().content().equals(lease.content())) {
            observe(lease, now);
        }
        boolean heldByOther = !lease.holderIdentity().isEmpty() && !lease.holderIdentity().equals(identity);
        Duration held = Duration.ofSeconds(Math.max(1, lease.leaseDurationSeconds()));
        if (heldByOther && observedAt.plus(held).isAfter(now)) {
            return false;
        }
        boolean mine = lease.holderIdentity().equals(identity);
        LeaseRecord next = new LeaseRecord(identity, seconds, mine ? lease.acquireTime() : Optional.of(now),
                Optional.of(now), mine ? lease.leaseTransitions() : lease.leaseTransitions() + 1,
                lease.resourceVersion());
        observe(store.update(next), now);
        return true;
    }

    private void observe(LeaseRecord lease, Instant now) {
        observed = Optional.of(lease);
        observedAt = now;
    }

    /**
     * Gives the lease up (client-go's ReleaseOnCancel): the holder is cleared so another replica can take it at
     * once. Only when this replica holds it; failures are only logged (the lease then expires by itself).
     */
    public void release() {
        boolean was = leading;
        leading = false;
        if (!was || observed.isEmpty()) {
            return;
        }
        try {
            Optional<LeaseRecord> current = store.get();
            if (current.isPresent() && current.get().holderIdentity().equals(identity)) {
                LeaseRecord lease = current.get();
                store.update(new LeaseRecord("", 1, lease.acquireTime(), Optional.of(clock.instant()),
                        lease.leaseTransitions(), lease.resourceVersion()));
            }
        } catch (LeaseStore.LeaseException e) {
            LOG.log(System.Logger.Level.WARNING, "could not release the lease (it expires by itself): "
                    + e.getMessage());
        }
    }
}
