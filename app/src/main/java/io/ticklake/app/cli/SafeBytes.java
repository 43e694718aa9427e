package io.ticklake.app.cli;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Bytes of unknown origin made safe to print on one terminal line: UTF-8 text with every control,
 * line-separator and bidi-override character escaped ({@code \n}, {@code \u0007}); bytes that are not
 * UTF-8 as {@code \xHH} (printable ASCII stays as is). Long values are cut to a number of bytes.
 */
final class SafeBytes {
    private SafeBytes() {
    }

    /** True when all of {@code bytes} is valid UTF-8. */
    static boolean isUtf8(final byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * The first at most {@code maxBytes} bytes, never splitting a UTF-8 character when {@code bytes} is
     * UTF-8 (then the cut may be a few bytes shorter).
     */
    static byte[] cut(final byte[] bytes, final int maxBytes) {
        if (bytes.length <= maxBytes) {
            return bytes;
        }
        int end = maxBytes;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {   // bytes[end] continues a character: step back
            end--;
        }
        return Arrays.copyOf(bytes, isUtf8(bytes) ? end : maxBytes);
    }

    /** The text of UTF-8 {@code bytes}, decoded leniently (call with a prefix from {@link #cut}). */
    static String utf8(final byte[] bytes) {
        final CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
        return chars.toString();
    }

    /** {@code bytes} as one safe line: escaped text when UTF-8, else {@code \xHH} for all but printable ASCII. */
    static String escape(final byte[] bytes) {
        if (isUtf8(bytes)) {
            return escape(utf8(bytes));
        }
        final StringBuilder b = new StringBuilder(bytes.length * 2);
        for (final byte x : bytes) {
            final int c = x & 0xFF;
            if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"') {
                b.append((char) c);
            } else {
                b.append(String.format(Locale.ROOT, "\\x%02x", c));
            }
        }
        return b.toString();
    }

    /** {@code s} with quotes, backslashes and every character that could move the cursor or reorder text escaped. */
    static String escape(final String s) {
        final StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (unsafe(c)) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** C0/C1 controls, DEL, line/paragraph separators, bidi embeddings, overrides and isolates, BOM. */
    private static boolean unsafe(final char c) {
        return c < 0x20 || c >= 0x7f && c <= 0x9f || c == 0x2028 || c == 0x2029 || c >= 0x202a && c <= 0x202e
                || c >= 0x2066 && c <= 0x2069 || c == 0xfeff || c == 0x200e || c == 0x200f;
    }
}
