package dev.skiff.engine.controller;

import java.time.Instant;
import java.util.Optional;

/**
 * What a {@code coordination.k8s.io/v1} Lease says about the leader (client-go's LeaderElectionRecord).
 *
 * @param holderIdentity       who holds it; "" when released
 * @param leaseDurationSeconds how long a holder that stops renewing keeps it
 * @param acquireTime          when the holder took it
 * @param renewTime            when the holder last renewed it
 * @param leaseTransitions     how often it changed hands
 * @param resourceVersion      the object's version, for optimistic updates ("" for a record not yet stored)
 */
public record LeaseRecord(String holderIdentity, int leaseDurationSeconds, Optional<Instant> acquireTime,
                          Optional<Instant> renewTime, int leaseTransitions, String resourceVersion) {

    /** The same record without its storage version, to tell whether the lease changed. */
    LeaseRecord content() {
        return new LeaseRecord(holderIdentity, leaseDurationSeconds, acquireTime, renewTime, leaseTransitions, "");
    }
}
