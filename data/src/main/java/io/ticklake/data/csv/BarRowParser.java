package io.ticklake.data.csv;

import io.ticklake.data.DailyBar;
import io.ticklake.data.IndexSymbol;
import io.ticklake.data.Printable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns one data record into a {@link DailyBar}, or explains in one line why it cannot.
 * Numbers are plain decimal text with an optional exponent (no NaN, Infinity, hex or suffixes);
 * prices finite and &gt; 0; Low ≤ Open, Close ≤ High; the volume is a non-negative number
 * within {@value #VOLUME_TOLERANCE} of a whole number and at most {@link #MAX_VOLUME}, rounded to a long;
 * dates are {@code yyyy-MM-dd} between 1900-01-01 and 9999-12-30.
 */
final class BarRowParser {
    /** Largest accepted volume (10^15): keeps day sums and price × volume products far from overflow. */
    static final long MAX_VOLUME = 1_000_000_000_000_000L;
    static final double VOLUME_TOLERANCE = 0.001;
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,4})?");
    private static final LocalDate MIN_DATE = LocalDate.of(1900, 1, 1);
    private static final LocalDate MAX_DATE = LocalDate.of(9999, 12, 30);
    /** Bound on distinct symbols kept, so a hostile file cannot grow the cache without limit. */
    private static final int MAX_CACHED_SYMBOLS = 1024;
    private final KaggleHeader header;
    /** One String per symbol, so the bars of a large file share their index text. */
    private final Map<String, String> symbols = new HashMap<>();

    BarRowParser(final KaggleHeader header) {
        this.header = header;
    }

    /**
     * Parses a record's fields.
     *
     * @throws IllegalArgumentException with the reason when the row is not a valid bar
     */
    DailyBar parse(final List<String> f) {
        if (f.size() != header.width()) {
            throw new IllegalArgumentException((f.size() < header.width() ? "missing fields" : "extra fields")
                    + ": expected " + header.width() + ", got " + f.size());
        }
        final String index = f.get(header.index()).strip();
        if (!IndexSymbol.isValid(index)) {
            throw new IllegalArgumentException("bad index symbol " + Printable.abbreviate(index)
                    + " (must match " + IndexSymbol.PATTERN.pattern() + ")");
        }
        final LocalDate date = date(f.get(header.date()));
        final double open = price(KaggleHeader.OPEN, f.get(header.open()));
        final double high = price(KaggleHeader.HIGH, f.get(header.high()));
        final double low = price(KaggleHeader.LOW, f.get(header.low()));
        final double close = price(KaggleHeader.CLOSE, f.get(header.close()));
        checkRange(open, high, low, close);
        final double adjClose = header.adjClose() == KaggleHeader.ABSENT
                ? close : price(KaggleHeader.ADJ_CLOSE, f.get(header.adjClose()));
        final long volume = volume(f.get(header.volume()));
        final Double closeUsd = header.closeUsd() == KaggleHeader.ABSENT || f.get(header.closeUsd()).isBlank()
                ? null : price(KaggleHeader.CLOSE_USD, f.get(header.closeUsd()));
        return new DailyBar(shared(index), date, open, high, low, close, adjClose, volume, closeUsd);
    }

    private String shared(final String index) {
        final String known = symbols.get(index);
        if (known != null) {
            return known;
        }
        if (symbols.size() < MAX_CACHED_SYMBOLS) {
            symbols.put(index, index);
        }
        return index;
    }

    private static void checkRange(final double open, final double high, final double low, final double close) {
        if (low > high) {
            throw new IllegalArgumentException("Low " + low + " > High " + high);
        }
        if (open < low || open > high) {
            throw new IllegalArgumentException("Open " + open + " outside [Low " + low + ", High " + high + "]");
        }
        if (close < low || close > high) {
            throw new IllegalArgumentException("Close " + close + " outside [Low " + low + ", High " + high + "]");
        }
    }

    private static LocalDate date(final String text) {
        final LocalDate date;
        try {
            date = LocalDate.parse(text.strip(), DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad Date " + Printable.abbreviate(text) + " (expected yyyy-MM-dd)");
        }
        if (date.isBefore(MIN_DATE) || date.isAfter(MAX_DATE)) {
            throw new IllegalArgumentException("Date " + date + " outside [" + MIN_DATE + ", " + MAX_DATE + "]");
        }
        return date;
    }

    private static double price(final String column, final String text) {
        final double v = number(column, text);
        if (v <= 0) {
            throw new IllegalArgumentException(column + " must be > 0: " + Printable.abbreviate(text));
        }
        return v;
    }

    private static double number(final String column, final String text) {
        final String s = text.strip();
        if (!NUMBER.matcher(s).matches()) {
            throw new IllegalArgumentException("bad number in " + column + ": " + Printable.abbreviate(text));
        }
        final double v = Double.parseDouble(s);
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(column + " is out of range: " + Printable.abbreviate(text));
        }
        return v;
    }

    private static long volume(final String text) {
        final String s = text.strip();
        if (!NUMBER.matcher(s).matches()) {
            throw new IllegalArgumentException("bad number in Volume: " + Printable.abbreviate(text));
        }
        final BigDecimal v = new BigDecimal(s);
        if (v.signum() < 0) {
            throw new IllegalArgumentException("Volume must be >= 0: " + Printable.abbreviate(text));
        }
        if (v.compareTo(BigDecimal.valueOf(MAX_VOLUME)) > 0) {
            throw new IllegalArgumentException("Volume larger than " + MAX_VOLUME + ": " + Printable.abbreviate(text));
        }
        final BigDecimal rounded = v.setScale(0, RoundingMode.HALF_UP);
        if (v.subtract(rounded).abs().compareTo(BigDecimal.valueOf(VOLUME_TOLERANCE)) > 0) {
            throw new IllegalArgumentException("Volume is not a whole number: " + Printable.abbreviate(text));
        }
        return rounded.longValueExact();
    }
}
