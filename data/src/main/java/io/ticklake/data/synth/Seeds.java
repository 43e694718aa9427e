package io.ticklake.data.synth;

import io.ticklake.data.DailyBar;

/** Stable 64-bit seed mixing (SplitMix64 finalizer): same inputs, same seed, on every JVM. */
final class Seeds {
    private Seeds() {
    }

    static long mix(final long a, final long b) {
        return finalize(a * 0x9E3779B97F4A7C15L + finalize(b + 0x632BE59BD9B4E019L));
    }

    /** A seed of {@code seed} and every field of {@code bar} (so equal bars give equal ticks). */
    static long of(final long seed, final DailyBar bar) {
        long s = mix(seed, bar.index().hashCode());
        s = mix(s, bar.date().toEpochDay());
        s = mix(s, Double.doubleToLongBits(bar.open()));
        s = mix(s, Double.doubleToLongBits(bar.high()));
        s = mix(s, Double.doubleToLongBits(bar.low()));
        s = mix(s, Double.doubleToLongBits(bar.close()));
        return mix(s, bar.volume());
    }

    private static long finalize(final long z0) {
        long z = z0;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
