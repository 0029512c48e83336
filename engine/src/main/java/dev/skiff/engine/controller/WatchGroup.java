package dev.skiff.engine.controller;

import java.util.List;

/**
 * A set of {@link ObjectWatch}es whose first lists workers wait for (templates, ConfigMaps): run each on a thread
 * of its own, ask whether all are synced, wait for them, close them.
 */
interface WatchGroup {

    /** Every watch, to be run on a thread of its own. */
    List<ObjectWatch> watches();

    default boolean synced() {
        return watches().stream().allMatch(ObjectWatch::synced);
    }

    default void awaitSynced() throws InterruptedException {
        for (ObjectWatch watch : watches()) {
            watch.awaitSynced();
        }
    }

    default void close() {
        watches().forEach(ObjectWatch::close);
    }
}
