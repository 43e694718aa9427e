package io.ticklake.sink.store;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: the n-th retry (0-based) waits a uniform random time in
 * {@code [0, min(max, base × 2^n)]}, so clients that failed together do not retry together.
 *
 * @param base first ceiling
 * @param max  largest ceiling
 */
public record Backoff(Duration base, Duration max) {
    public Backoff {
        if (base.isNegative() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= base <= max");
        }
    }

    /** The ceiling of the {@code retry}-th delay (no jitter), in ms. */
    public long ceilingMs(final int retry) {
        final long b = Math.max(1, base.toMillis());
        final int shift = Math.min(Math.max(retry, 0), 30);
        return Math.min(max.toMillis(), b << shift);
    }

    /** A jittered delay for the {@code retry}-th retry, in ms. */
    public long delayMs(final int retry) {
        return ThreadLocalRandom.current().nextLong(ceilingMs(retry) + 1);
    }
}
