package dev.skiff.engine.controller;

import java.util.Optional;

/** Where the lease lives: a Kubernetes Lease object, or memory in tests. */
public interface LeaseStore {

    /** The lease now; empty when there is none. */
    Optional<LeaseRecord> get() throws LeaseException;

    /** Creates the lease; fails when one exists. */
    LeaseRecord create(LeaseRecord lease) throws LeaseException;

    /** Replaces the lease if its resourceVersion is still {@code lease.resourceVersion()}. */
    LeaseRecord update(LeaseRecord lease) throws LeaseException;

    /** A lease read or write failed (a conflict, or the API server could not be reached). */
    final class LeaseException extends Exception {
        private static final long serialVersionUID = 1L;

        public LeaseException(String message) {
            super(message);
        }
    }
}
