package io.ticklake.data.csv;

/**
 * Row counts of one CSV read. Blank lines and the header are not rows.
 *
 * @param read     data rows seen
 * @param accepted rows turned into a {@link io.ticklake.data.DailyBar}
 * @param rejected rows reported to the rejection listener; {@code read == accepted + rejected}
 */
public record ReadStats(long read, long accepted, long rejected) {
    public ReadStats {
        if (read < 0 || accepted < 0 || rejected < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
    }
}
