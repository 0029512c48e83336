package dev.skiff.engine.cli;

import java.time.Duration;

/**
 * Durations in one short unit as {@code argo list} shows AGE and DURATION: {@code 0s}, {@code 45s},
 * {@code 1m}, {@code 59m}, {@code 1h}, {@code 23h}, {@code 1d}, {@code 12d} (whole units, rounded
 * down; days beyond a week stay days). Pure.
 */
final class ShortDuration {

    private ShortDuration() {
    }

    static String of(Duration d) {
        long seconds = Math.max(0, d.abs().toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return (seconds / 60) + "m";
        }
        if (seconds < 86_400) {
            return (seconds / 3600) + "h";
        }
        return (seconds / 86_400) + "d";
    }
}
