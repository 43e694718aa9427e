package io.ticklake.data.synth;

import java.util.SplittableRandom;

/**
 * Splits a daily volume into per-tick longs that sum to it exactly: random integer weights with a
 * U-shaped intraday profile (busier at open and close), shares computed in integer arithmetic
 * without overflow, the remainder handed out one unit per tick.
 */
final class VolumeSplit {
    private static final int MAX_WEIGHT = 1000;

    private VolumeSplit() {
    }

    static long[] split(final long volume, final int n, final SplittableRandom random) {
        final long[] out = new long[n];
        if (volume == 0) {
            return out;
        }
        final int[] w = weights(n, random);
        long total = 0;
        for (final int x : w) {
            total += x;
        }
        // volume = q * total + r with r < total, so each share q*w + r*w/total is exact and cannot overflow
        final long q = volume / total;
        final long r = volume % total;
        long assigned = 0;
        for (int i = 0; i < n; i++) {
            out[i] = q * w[i] + r * w[i] / total;
            assigned += out[i];
        }
        long left = volume - assigned;
        for (int i = random.nextInt(n); left > 0; i = (i + 1) % n) {
            out[i]++;
            left--;
        }
        return out;
    }

    private static int[] weights(final int n, final SplittableRandom random) {
        final int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            final double x = n == 1 ? 0.5 : (double) i / (n - 1);
            final double profile = 1.0 + 2.0 * (2 * x - 1) * (2 * x - 1);
            w[i] = 1 + (int) (random.nextDouble() * profile * (MAX_WEIGHT / 3.0));
        }
        return w;
    }
}
