package dev.skiff.engine.core;

/**
 * Bounds the reconciler keeps to, so that one workflow cannot exhaust the process running it. Argo has no such
 * bounds but chokes as well: every loop item is a node of the workflow's status, which Kubernetes stores in at
 * most about 1.5 MiB (Argo then compresses and offloads it).
 *
 * @param maxLoopItems how many items one {@code withItems}/{@code withParam}/{@code withSequence} loop may expand
 *                     to; a loop over it errors its node
 */
public record ReconcileLimits(int maxLoopItems) {

    /** The default number of items a loop may have. */
    public static final int DEFAULT_MAX_LOOP_ITEMS = 10_000;

    /** The defaults. */
    public static final ReconcileLimits DEFAULT = new ReconcileLimits(DEFAULT_MAX_LOOP_ITEMS);

    public ReconcileLimits {
        if (maxLoopItems < 1) {
            throw new IllegalArgumentException("maxLoopItems must be at least 1, not " + maxLoopItems);
        }
    }

    /** Whether a loop of {@code items} items is over the limit. */
    public boolean tooManyLoopItems(long items) {
        return items > maxLoopItems;
    }

    /**
     * Why a loop may not run, worded the same for lint and for the reconciler.
     *
     * @param loop  which field expands it: {@code withItems}, {@code withParam} or {@code withSequence}
     * @param items how many items it has
     */
    public String loopTooLarge(String loop, long items) {
        return loop + " expands to " + items + " items, more than the " + maxLoopItems + " a loop may have in Skiff"
                + " (--max-loop-items); Argo would also struggle: every item is a node of the workflow status,"
                + " which Kubernetes stores in at most about 1.5 MiB";
    }
}
