package dev.skiff.dist.bench;

import java.util.List;

/** Nearest-rank percentiles. */
final class Percentiles {

    private Percentiles() {
    }

    /** The smallest value with at least {@code q} of the values at or below it; NaN for no values. */
    static double of(List<Double> values, double q) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
