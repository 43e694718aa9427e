package io.ticklake.query.sql;

import java.nio.file.Path;

import io.ticklake.query.catalog.LakeIdentifiers;

/**
 * The only way names and paths get into SQL text: validated, then quoted. Nothing a user passes can
 * close a literal or an identifier, or widen a glob.
 */
public final class SqlLiterals {
    private SqlLiterals() {
    }

    /** A lake table name as a double-quoted identifier. */
    public static String table(final String name) {
        return '"' + LakeIdentifiers.requireTable(name) + '"';
    }

    /**
     * A local path as a single-quoted string literal. Quotes, glob characters, backslashes and control
     * characters are refused (they would change the literal or the set of files a glob matches).
     */
    public static String path(final Path path) {
        final String s = path.toAbsolutePath().normalize().toString();
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || "'\"*?[]{}\\".indexOf(c) >= 0) {
                throw new IllegalArgumentException("unsupported character '" + (c < 0x20 ? "\\u" + (int) c : c)
                        + "' in lake path: " + s);
            }
        }
        return "'" + s + "'";
    }

    /** {@code path} plus a fixed suffix (e.g. a glob we add ourselves) as a string literal. */
    public static String path(final Path path, final String suffix) {
        final String base = path(path);
        return base.substring(0, base.length() - 1) + suffix + "'";
    }
}
