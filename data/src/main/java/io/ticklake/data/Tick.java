package io.ticklake.data;

/**
 * One price observation of a stock index, the value of {@code ticks-raw}.
 *
 * @param index  index symbol, see {@link IndexSymbol}
 * @param ts     event time, epoch milliseconds UTC, within [{@link #MIN_TS}, {@link #MAX_TS}]
 * @param price  finite and strictly positive
 * @param volume non-negative
 */
public record Tick(String index, long ts, double price, long volume) {
    /** 1900-01-01T00:00Z: earlier event times are rejected as bad timestamps. */
    public static final long MIN_TS = -2_208_988_800_000L;
    /** 9999-12-31T23:59:59.999Z: later event times are rejected as bad timestamps. */
    public static final long MAX_TS = 253_402_300_799_999L;

    public Tick {
        if (ts < MIN_TS || ts > MAX_TS) {
            throw new IllegalArgumentException("ts out of range [1900-01-01, 9999-12-31]: " + ts);
        }
        IndexSymbol.require(index);
        if (!Double.isFinite(price) || price <= 0) {
            throw new IllegalArgumentException("price must be finite and > 0: " + price);
        }
        if (volume < 0) {
            throw new IllegalArgumentException("volume must be >= 0: " + volume);
        }
    }
}
