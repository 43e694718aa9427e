package io.ticklake.data;

import java.time.LocalDate;

/**
 * One row of the Kaggle "Stock Exchange Data" format: a trading day of one index.
 * Consistency (low ≤ open, close ≤ high) is checked by the CSV reader, which reports it with the
 * line number; the record only rejects values no row may have.
 *
 * @param closeUsd may be {@code null} when the source has no USD close
 */
public record DailyBar(String index, LocalDate date, double open, double high, double low, double close,
                       double adjClose, long volume, Double closeUsd) {
    public DailyBar {
        IndexSymbol.require(index);
        if (date == null) {
            throw new IllegalArgumentException("date is required");
        }
        for (final double v : new double[] {open, high, low, close}) {
            if (!Double.isFinite(v) || v <= 0) {
                throw new IllegalArgumentException("prices must be finite and > 0");
            }
        }
        if (low > high) {
            throw new IllegalArgumentException("low " + low + " > high " + high);
        }
        if (volume < 0) {
            throw new IllegalArgumentException("volume must be >= 0: " + volume);
        }
    }

    /** Whether open, high, low and close are all equal. */
    public boolean flat() {
        return open == high && high == low && low == close;
    }
}
