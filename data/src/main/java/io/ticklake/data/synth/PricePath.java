package io.ticklake.data.synth;

import io.ticklake.data.DailyBar;
import java.util.SplittableRandom;

/**
 * An intraday price path of {@code n} points that reproduces a daily bar exactly: point 0 is Open,
 * point n−1 is Close, High and Low are placed at random interior points when no endpoint already
 * has them, and the points in between follow Brownian bridges between those anchors, folded back
 * into [Low, High] (reflected at the bounds, not clamped: a clamped path sticks to its bound and
 * draws a flat stretch of identical ticks, hours long on a chart). Anchors are assigned the bar's own
 * doubles, so the equalities are exact.
 */
final class PricePath {
    private PricePath() {
    }

    /** Points a bar needs at least: 1 when flat, else 2 plus one for High and one for Low unless Open or Close is it. */
    static int minimumPoints(final DailyBar bar) {
        if (bar.flat()) {
            return 1;
        }
        return 2 + (atEndpoint(bar, bar.high()) ? 0 : 1) + (atEndpoint(bar, bar.low()) ? 0 : 1);
    }

    static double[] build(final DailyBar bar, final int n, final SplittableRandom random) {
        if (n < minimumPoints(bar)) {
            throw new IllegalArgumentException("a path of " + n + " points cannot represent " + bar);
        }
        final double[] p = new double[n];
        if (bar.flat()) {
            java.util.Arrays.fill(p, bar.open());
            return p;
        }
        final int[] pos = anchorPositions(bar, n, random);
        final double[] val = anchorValues(bar, pos, random);
        for (int a = 0; a + 1 < pos.length; a++) {
            bridge(p, pos[a], val[a], pos[a + 1], val[a + 1], sigma(bar, n), random);
        }
        for (int i = 0; i < n; i++) {
            p[i] = fold(p[i], bar.low(), bar.high());
        }
        for (int a = 0; a < pos.length; a++) {
            p[pos[a]] = val[a];
        }
        return p;
    }

    /** {@code x} reflected into [low, high] as often as needed (a triangle wave), then bounded against rounding. */
    static double fold(final double x, final double low, final double high) {
        final double width = high - low;
        double y = (x - low) % (2 * width);
        if (y < 0) {
            y += 2 * width;
        }
        if (y > width) {
            y = 2 * width - y;
        }
        return Math.min(high, Math.max(low, low + y));
    }

    private static boolean atEndpoint(final DailyBar bar, final double v) {
        return v == bar.open() || v == bar.close();
    }

    /** Sorted positions: 0, the interior extremes needed (random, distinct), n−1. */
    private static int[] anchorPositions(final DailyBar bar, final int n, final SplittableRandom random) {
        final int extremes = minimumPoints(bar) - 2;
        final int[] pos = new int[2 + extremes];
        pos[0] = 0;
        pos[pos.length - 1] = n - 1;
        if (extremes >= 1) {
            pos[1] = 1 + random.nextInt(n - 2);
        }
        if (extremes == 2) {
            int other = 1 + random.nextInt(n - 3);
            if (other >= pos[1]) {
                other++;
            }
            pos[2] = Math.max(pos[1], other);
            pos[1] = Math.min(pos[1], other);
        }
        return pos;
    }

    private static double[] anchorValues(final DailyBar bar, final int[] pos, final SplittableRandom random) {
        final double[] val = new double[pos.length];
        val[0] = bar.open();
        val[pos.length - 1] = bar.close();
        final boolean needHigh = !atEndpoint(bar, bar.high());
        final boolean needLow = !atEndpoint(bar, bar.low());
        if (needHigh && needLow) {
            final boolean highFirst = random.nextBoolean();
            val[1] = highFirst ? bar.high() : bar.low();
            val[2] = highFirst ? bar.low() : bar.high();
        } else if (needHigh) {
            val[1] = bar.high();
        } else if (needLow) {
            val[1] = bar.low();
        }
        return val;
    }

    private static double sigma(final DailyBar bar, final int n) {
        return (bar.high() - bar.low()) / Math.sqrt(Math.max(n, 1)) * 0.5;
    }

    /** Fills p[from..to] with a Brownian bridge from {@code a} to {@code b}. */
    private static void bridge(final double[] p, final int from, final double a, final int to, final double b,
                               final double sigma, final SplittableRandom random) {
        final int m = to - from;
        final double[] walk = new double[m + 1];
        for (int k = 1; k <= m; k++) {
            walk[k] = walk[k - 1] + sigma * gaussian(random);
        }
        for (int k = 0; k <= m; k++) {
            final double t = m == 0 ? 0 : (double) k / m;
            p[from + k] = a + (b - a) * t + walk[k] - t * walk[m];
        }
    }

    private static double gaussian(final SplittableRandom random) {
        // Box–Muller: SplittableRandom has no nextGaussian on Java 17
        final double u1 = 1.0 - random.nextDouble();
        final double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
