package io.ticklake.data;

/** Makes untrusted text safe to put in a one-line log message or error. */
public final class Printable {
    private static final int MAX = 64;

    private Printable() {
    }

    /** Quotes {@code s}, escapes control characters and cuts it to a readable length. */
    public static String abbreviate(final String s) {
        if (s == null) {
            return "null";
        }
        final StringBuilder out = new StringBuilder("\"");
        final int n = Math.min(s.length(), MAX);
        for (int i = 0; i < n; i++) {
            final char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        if (s.length() > MAX) {
            out.append("…(").append(s.length()).append(" chars)");
        }
        return out.append('"').toString();
    }
}
