package io.ticklake.data;

import java.util.regex.Pattern;

/** The one rule for an index symbol, shared by the parser, the serdes and the CSV reader. */
public final class IndexSymbol {
    /** Letters, digits and {@code . _ ^ -}, 1 to 32 characters (e.g. {@code NYA}, {@code 000001.SS}, {@code ^GSPC}). */
    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9._^-]{1,32}");

    private IndexSymbol() {
    }

    /** Longest valid symbol. */
    private static final int MAX_LENGTH = 32;

    /**
     * Whether {@code symbol} is a valid index symbol: exactly {@link #PATTERN}, checked by a loop because
     * it runs on every tick (twice: decode and {@link Tick}), where a regex matcher showed in profiles.
     */
    public static boolean isValid(final String symbol) {
        if (symbol == null || symbol.isEmpty() || symbol.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < symbol.length(); i++) {
            if (!allowed(symbol.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean allowed(final char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '.' || c == '_' || c == '^' || c == '-';
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
