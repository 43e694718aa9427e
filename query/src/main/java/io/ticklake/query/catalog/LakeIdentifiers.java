package io.ticklake.query.catalog;

import java.util.regex.Pattern;

/**
 * Validates names that end up inside SQL text or catalog calls (table, database, workgroup names),
 * so that no input can inject SQL: lowercase letters, digits and {@code _}, starting with a letter.
 */
public final class LakeIdentifiers {
    private static final Pattern TABLE = Pattern.compile("[a-z][a-z0-9_]{0,127}");
    private static final Pattern DATABASE = Pattern.compile("[a-z0-9_][a-z0-9_-]{0,254}");

    private LakeIdentifiers() {
    }

    /** Whether {@code name} is a valid lake table name. */
    public static boolean isTable(final String name) {
        return name != null && TABLE.matcher(name).matches();
    }

    /** Returns {@code name} if it is a valid lake table name. */
    public static String requireTable(final String name) {
        if (!isTable(name)) {
            throw new IllegalArgumentException("invalid table name (lowercase letters, digits, _): " + name);
        }
        return name;
    }

    /** Returns {@code name} if it is a valid Glue database name. */
    public static String requireDatabase(final String name) {
        if (name == null || !DATABASE.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid database name (lowercase letters, digits, _ and -): " + name);
        }
        return name;
    }
}
