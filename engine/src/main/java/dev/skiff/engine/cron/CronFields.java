package dev.skiff.engine.cron;

import java.util.List;
import java.util.Map;

/**
 * robfig/cron v3's field parser ({@code parser.go}: {@code getField}/{@code getRange}): each field a bit set, with
 * the "star" bit when the field was {@code *} or {@code ?} without a step above 1. Messages are robfig's.
 */
final class CronFields {

    static final long STAR = 1L << 63;

    /** A field's bounds and names ({@code bounds} in spec.go). */
    record Bounds(int min, int max, Map<String, Integer> names) {
    }

    static final Bounds MINUTES = new Bounds(0, 59, Map.of());
    static final Bounds HOURS = new Bounds(0, 23, Map.of());
    static final Bounds DOM = new Bounds(1, 31, Map.of());
    static final Bounds MONTHS = new Bounds(1, 12, Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2),
            Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7),
            Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11),
            Map.entry("dec", 12)));
    static final Bounds DOW = new Bounds(0, 6, Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4, "fri", 5,
            "sat", 6));

    private CronFields() {
    }

    /** {@code getField}: comma-separated ranges. */
    static long field(String field, Bounds bounds) {
        long bits = 0;
        for (String expr : field.split(",")) {
            if (!expr.isEmpty()) {
                bits |= range(expr, bounds);
            }
        }
        return bits;
    }

    /** Every value of the bounds, with the star bit (robfig's {@code all}). */
    static long all(Bounds bounds) {
        return bits(bounds.min(), bounds.max(), 1) | STAR;
    }

    private static long range(String expr, Bounds bounds) {
        List<String> rangeAndStep = List.of(expr.split("/", -1));
        List<String> lowAndHigh = List.of(rangeAndStep.getFirst().split("-", -1));
        boolean singleDigit = lowAndHigh.size() == 1;
        long start;
        long end;
        long extra = 0;
        if (lowAndHigh.getFirst().equals("*") || lowAndHigh.getFirst().equals("?")) {
            start = bounds.min();
            end = bounds.max();
            extra = STAR;
        } else {
            start = intOrName(lowAndHigh.getFirst(), bounds);
            if (lowAndHigh.size() == 1) {
                end = start;
            } else if (lowAndHigh.size() == 2) {
                end = intOrName(lowAndHigh.get(1), bounds);
            } else {
                throw new CronException("too many hyphens: " + expr);
            }
        }
        long step;
        if (rangeAndStep.size() == 1) {
            step = 1;
        } else if (rangeAndStep.size() == 2) {
            step = number(rangeAndStep.get(1));
            if (singleDigit) {
                end = bounds.max();
            }
            if (step > 1) {
                extra = 0;
            }
        } else {
            throw new CronException("too many slashes: " + expr);
        }
        if (start < bounds.min()) {
            throw new CronException("beginning of range (" + start + ") below minimum (" + bounds.min() + "): " + expr);
        }
        if (end > bounds.max()) {
            throw new CronException("end of range (" + end + ") above maximum (" + bounds.max() + "): " + expr);
        }
        if (start > end) {
            throw new CronException("beginning of range (" + start + ") beyond end of range (" + end + "): " + expr);
        }
        if (step == 0) {
            throw new CronException("step of range should be a positive number: " + expr);
        }
        return bits((int) start, (int) end, (int) step) | extra;
    }

    private static long intOrName(String expr, Bounds bounds) {
        Integer named = bounds.names().get(expr.toLowerCase(java.util.Locale.ROOT));
        return named != null ? named : number(expr);
    }

    /** robfig's {@code mustParseInt}, with Go's strconv.Atoi message. */
    private static long number(String expr) {
        long value;
        try {
            value = Long.parseLong(expr.startsWith("+") ? expr.substring(1) : expr);
        } catch (NumberFormatException e) {
            throw new CronException("failed to parse int from " + expr + ": strconv.Atoi: parsing "
                    + dev.skiff.engine.golang.GoStrconv.quote(expr) + ": invalid syntax");
        }
        if (value < 0) {
            throw new CronException("negative number (" + value + ") not allowed: " + expr);
        }
        return value;
    }

    static long bits(int min, int max, int step) {
        long bits = 0;
        for (int i = min; i <= max; i += step) {
            bits |= 1L << i;
        }
        return bits;
    }

    static boolean has(long bits, int value) {
        return (bits & (1L << value)) != 0;
    }
}
