package io.ticklake.poll.source;

import java.util.Locale;

/** How a JSON API writes a quote's time. */
public enum TimeFormat {
    /** Epoch seconds (a number or a numeric string). */
    SECONDS,
    /** Epoch milliseconds. */
    MILLIS,
    /** ISO-8601 instant or offset date-time ({@code 2026-12-03T14:30:00Z}). */
    ISO,
    /** A date only ({@code yyyy-MM-dd}): the quote is {@link Quote#dayOnly() day-only}. */
    DATE;

    /** Parses {@code s}, {@code ms}, {@code iso} or {@code date}. */
    public static TimeFormat parse(final String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "s", "seconds" -> SECONDS;
            case "ms", "millis" -> MILLIS;
            case "iso" -> ISO;
            case "date" -> DATE;
            default -> throw new IllegalArgumentException("time format must be s, ms, iso or date: " + value);
        };
    }
}
