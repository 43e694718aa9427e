package io.ticklake.query.sql;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ticklake.query.catalog.LakeIdentifiers;
import io.ticklake.sink.lake.PartitionLayout;

/**
 * One rollup table: its name ({@code rollup_*}), the tables it reads, its SELECT in the SQL subset
 * Athena (Trino) and DuckDB share, its partition layout, and how far its rows depend on other days. The
 * SQL's select list ends with {@code "index", "date"}; {@link #select()} turns that tail into the layout's
 * partition columns, last and in order (Athena's CTAS needs them so); every row belongs to one index-day.
 *
 * @param reach  how many trading days of its index before a row's day the row reads from its sources
 *               (and so how many following days change when a source day changes): 0 for rollups
 *               grouped by index-day, 1 for a return over the previous close, 19 for a 20-day window.
 *               The incremental refresh ({@link DuckDbRollupRefresh}) derives what to recompute from it.
 * @param layout the table's partition layout
 */
public record Rollup(String table, List<String> sources, String sql, int reach, PartitionLayout layout) {
    /** The outer select list's tail: the first {@code "index", "date"} followed by {@code FROM}. */
    private static final Pattern TAIL = Pattern.compile("\"index\",\\s*\"date\"(\\s+FROM\\b)");

    public Rollup {
        LakeIdentifiers.requireTable(table);
        if (!table.startsWith("rollup_")) {
            throw new IllegalArgumentException("rollup tables are named rollup_*: " + table);
        }
        sources = List.copyOf(sources);
        sources.forEach(LakeIdentifiers::requireTable);
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(layout, "layout");
        if (sql.strip().endsWith(";")) {
            throw new IllegalArgumentException("rollup SQL must be one SELECT without a trailing ';': " + table);
        }
        if (reach < 0) {
            throw new IllegalArgumentException("reach must be >= 0: " + table);
        }
        if (!layout.partitionsByDate() && !TAIL.matcher(sql).find()) {
            throw new IllegalArgumentException(table + ": the select list must end with \"index\", \"date\" before FROM");
        }
    }

    /** An {@code index=/date=} rollup. */
    public Rollup(final String table, final List<String> sources, final String sql, final int reach) {
        this(table, sources, sql, reach, PartitionLayout.INDEX_DATE);
    }

    /** The partition columns, in path order (the one place both engines take them from). */
    public List<String> partitionColumns() {
        return layout.columns();
    }

    /**
     * The SQL with the layout's partition columns last: unchanged for {@code index=/date=}; else
     * {@code "date", "index"} or {@code "date", "index", CAST(year("date") AS INTEGER) AS "year"}
     * ({@link DuckDbEngine#tail}).
     */
    public String select() {
        if (layout.partitionsByDate()) {
            return sql;
        }
        final Matcher m = TAIL.matcher(sql);
        m.find();
        final String tail = layout == PartitionLayout.INDEX_YEAR
                ? "\"date\",\n    \"index\",\n    CAST(year(\"date\") AS INTEGER) AS \"year\"" : "\"date\",\n    \"index\"";
        return sql.substring(0, m.start()) + tail + m.group(1) + sql.substring(m.end());
    }
}
