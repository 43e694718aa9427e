package io.ticklake.poll;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * The wait after a failed poll: exponential from the poll interval (interval × 2^failures, capped at
 * {@code max}) with "equal jitter" (a uniformly random point in the upper half, so many pollers
 * restarted together spread out), never shorter than the interval, and never shorter than the
 * server's {@code Retry-After}.
 */
public final class Backoff {
    private final Duration interval;
    private final Duration max;
    private final DoubleSupplier random;

    /** @param random uniform in [0, 1) ({@code ThreadLocalRandom.current()::nextDouble}; tests pass their own) */
    public Backoff(final Duration interval, final Duration max, final DoubleSupplier random) {
        this.interval = Objects.requireNonNull(interval, "interval");
        this.max = max.compareTo(interval) < 0 ? interval : max;
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The wait after {@code failures} (≥ 1) consecutive failed polls. */
    public Duration after(final int failures, final Optional<Duration> retryAfter) {
        final int shift = Math.min(Math.max(failures, 1), 30);
        final long ceiling = Math.min(max.toMillis(), saturatedShift(interval.toMillis(), shift));
        final long jittered = ceiling / 2 + (long) (random.getAsDouble() * (ceiling - ceiling / 2));
        Duration d = Duration.ofMillis(Math.max(jittered, interval.toMillis()));
        if (retryAfter.isPresent() && retryAfter.get().compareTo(d) > 0) {
            d = retryAfter.get();
        }
        return d;
    }

    private static long saturatedShift(final long v, final int shift) {
        return v > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : v << shift;
    }
}
