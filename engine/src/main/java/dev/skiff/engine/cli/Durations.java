package dev.skiff.engine.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Short human durations as {@code argo get} shows them: {@code 4s}, {@code 1m 5s}, {@code 2h 3m}. */
final class Durations {

    private Durations() {
    }

    /** From start to finish, or to {@code now} while running; empty text before the start. */
    static String between(Optional<Instant> start, Optional<Instant> finish, Instant now) {
        if (start.isEmpty()) {
            return "";
        }
        Duration d = Duration.between(start.get(), finish.orElse(now));
        return shortForm(d.isNegative() ? Duration.ZERO : d);
    }

    static String shortForm(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return (seconds / 60) + "m" + (seconds % 60 == 0 ? "" : " " + (seconds % 60) + "s");
        }
        long minutes = (seconds % 3600) / 60;
        return (seconds / 3600) + "h" + (minutes == 0 ? "" : " " + minutes + "m");
    }

    /** A longer form for the summary: {@code 5 seconds}, {@code 1 minute 5 seconds}. */
    static String longForm(Duration d) {
        long seconds = Math.max(0, d.toSeconds());
        long h = seconds / 3600;
        long m = (seconds % 3600) / 60;
        long s = seconds % 60;
        StringBuilder out = new StringBuilder();
        if (h > 0) {
            out.append(h).append(h == 1 ? " hour " : " hours ");
        }
        if (m > 0) {
            out.append(m).append(m == 1 ? " minute " : " minutes ");
        }
        if (s > 0 || out.isEmpty()) {
            out.append(s).append(s == 1 ? " second" : " seconds");
        }
        return out.toString().trim();
    }
}
