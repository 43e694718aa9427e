package io.ticklake.bench.trino;

import java.util.ArrayList;
import java.util.List;

/**
 * The Athena queries of the README: the {@code ```sql} block after the line that starts with
 * {@code Athena (} in its "Query examples" section, split at {@code ;}. Read from the README itself, so
 * the check runs what a user copies.
 */
public final class ReadmeQueries {
    private static final String MARKER = "Athena (";

    private ReadmeQueries() {
    }

    /** The statements of the README's Athena block, without their trailing {@code ;}. */
    public static List<String> athena(final String readme) {
        final List<String> lines = readme.lines().toList();
        int i = 0;
        while (i < lines.size() && !lines.get(i).startsWith(MARKER)) {
            i++;
        }
        while (i < lines.size() && !lines.get(i).strip().equals("```sql")) {
            i++;
        }
        if (i >= lines.size()) {
            throw new IllegalArgumentException("no ```sql block after a line starting with '" + MARKER + "' in the README");
        }
        final StringBuilder block = new StringBuilder();
        for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
            block.append(lines.get(i)).append('\n');
        }
        final List<String> statements = new ArrayList<>();
        for (final String s : block.toString().split(";")) {
            if (!s.isBlank()) {
                statements.add(s.strip());
            }
        }
        return List.copyOf(statements);
    }

    /** The statement as DuckDB runs it over a local lake: without the Glue database qualifier. */
    public static String forDuckDb(final String statement, final String database) {
        return statement.replaceAll("\\b" + java.util.regex.Pattern.quote(database) + "\\.", "");
    }

    /** Whether the statement orders its result (an {@code ORDER BY} after its last closing parenthesis). */
    public static boolean ordered(final String statement) {
        final String upper = statement.toUpperCase(java.util.Locale.ROOT);
        return upper.lastIndexOf("ORDER BY") > upper.lastIndexOf(')');
    }
}
