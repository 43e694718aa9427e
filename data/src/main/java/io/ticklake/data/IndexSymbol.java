package io.ticklake.data;

import java.util.regex.Pattern;

/** The one rule for an index symbol, shared by the parser, the serdes and the CSV reader. */
public final class IndexSymbol {
    /** Letters, digits and {@code . _ ^ -}, 1 to 32 characters (e.g. {@code NYA}, {@code 000001.SS}, {@code ^GSPC}). */
    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9._^-]{1,32}");

    private IndexSymbol() {
    }

    /** Whether {@code symbol} is a valid index symbol. */
    public static boolean isValid(final String symbol) {
        return symbol != null && PATTERN.matcher(symbol).matches();
    }

    /**
     * Returns {@code symbol} if valid.
     *
     * @throws IllegalArgumentException naming the rule otherwise
     */
    public static String require(final String symbol) {
        if (!isValid(symbol)) {
            throw new IllegalArgumentException("index symbol must match " + PATTERN.pattern() + ": "
                    + Printable.abbreviate(symbol));
        }
        return symbol;
    }
}
