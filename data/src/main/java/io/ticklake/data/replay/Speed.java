package io.ticklake.data.replay;

import java.util.Locale;

/**
 * Replay pace: {@code max} (as fast as possible) or a factor of market time ({@code 1} = real time,
 * {@code 60} = one market minute per second). Paced replays wait through market closures too
 * (a night at factor 60 lasts about 17 minutes).
 *
 * @param factor market milliseconds per wall millisecond; {@link Double#POSITIVE_INFINITY} for max
 */
public record Speed(double factor) {
    /** As fast as possible. */
    public static final Speed MAX = new Speed(Double.POSITIVE_INFINITY);

    public Speed {
        if (Double.isNaN(factor) || factor <= 0) {
            throw new IllegalArgumentException("speed must be 'max' or a factor > 0: " + factor);
        }
    }

    /**
     * Parses {@code max} or a positive decimal factor.
     *
     * @throws IllegalArgumentException with a one-line reason otherwise
     */
    public static Speed parse(final String text) {
        final String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (s.equals("max")) {
            return MAX;
        }
        try {
            final double f = Double.parseDouble(s);
            if (!Double.isFinite(f) || f <= 0 || !s.matches("[0-9.eE+-]+")) {
                throw new NumberFormatException();
            }
            return new Speed(f);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("speed must be 'max' or a factor > 0 of market time, e.g. 60: "
                    + io.ticklake.data.Printable.abbreviate(text));
        }
    }

    /** Whether there is no pacing. */
    public boolean isMax() {
        return Double.isInfinite(factor);
    }

    @Override
    public String toString() {
        return isMax() ? "max" : Double.toString(factor);
    }
}
