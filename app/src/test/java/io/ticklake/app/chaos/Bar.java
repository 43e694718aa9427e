package io.ticklake.app.chaos;

/**
 * One OHLC bar as the chaos suite compares it (from the lake, or computed by {@link Oracle}).
 *
 * @param windowStart epoch ms UTC, inclusive
 */
record Bar(String index, long windowStart, double open, double high, double low, double close, long volume,
           double vwap, long tickCount, long firstTickTs, long lastTickTs) {

    /** Same prices, volume, count and tick times exactly; vwap within a relative 1e-9 (summation order may differ). */
    boolean matches(final Bar other) {
        return index.equals(other.index) && windowStart == other.windowStart && open == other.open
                && high == other.high && low == other.low && close == other.close && volume == other.volume
                && tickCount == other.tickCount && firstTickTs == other.firstTickTs && lastTickTs == other.lastTickTs
                && Math.abs(vwap - other.vwap) <= 1e-9 * Math.max(1, Math.abs(vwap));
    }

    /** The (index, window start) key. */
    String key() {
        return index + "@" + windowStart;
    }
}
