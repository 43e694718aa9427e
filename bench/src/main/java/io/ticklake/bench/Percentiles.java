package io.ticklake.bench;

import java.util.Arrays;

/**
 * Percentiles of a sample by the nearest-rank method: the p-th percentile is the smallest value such
 * that at least p % of the sample is ≤ it (so p100 is the maximum and every result is a sample value).
 */
public final class Percentiles {
    private final long[] sorted;

    private Percentiles(final long[] sorted) {
        this.sorted = sorted;
    }

    /** The percentiles of {@code values} (copied). */
    public static Percentiles of(final long[] values) {
        final long[] copy = values.clone();
        Arrays.sort(copy);
        return new Percentiles(copy);
    }

    /** Sample size. */
    public int count() {
        return sorted.length;
    }

    /**
     * The {@code p}-th percentile, {@code 0 < p ≤ 100}.
     *
     * @throws IllegalArgumentException when p is out of range
     * @throws IllegalStateException    when the sample is empty
     */
    public long at(final double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        if (sorted.length == 0) {
            throw new IllegalStateException("no samples");
        }
        final int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(1, rank) - 1];
    }

    public long max() {
        return at(100);
    }
}
