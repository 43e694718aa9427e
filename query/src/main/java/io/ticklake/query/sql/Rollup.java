package io.ticklake.query.sql;

import java.util.List;
import java.util.Objects;

import io.ticklake.query.catalog.LakeIdentifiers;

/**
 * One rollup table: its name ({@code rollup_*}), the tables it reads, its SELECT in the SQL subset
 * Athena (Trino) and DuckDB share, and how far its rows depend on other days. The select list ends with
 * the columns {@code "index"} and {@code "date"} (Athena CTAS needs the partition columns last); every
 * row belongs to one index-day.
 *
 * @param reach how many trading days of its index before a row's day the row reads from its sources
 *              (and so how many following days change when a source day changes): 0 for rollups
 *              grouped by index-day, 1 for a return over the previous close, 19 for a 20-day window.
 *              The incremental refresh ({@link DuckDbRollupRefresh}) derives what to recompute from it.
 */
public record Rollup(String table, List<String> sources, String sql, int reach) {
    /** The partition columns rollups are written with today (see {@link #partitionColumns()}). */
    public static final List<String> INDEX_DATE = List.of("index", "date");

    public Rollup {
        LakeIdentifiers.requireTable(table);
        if (!table.startsWith("rollup_")) {
            throw new IllegalArgumentException("rollup tables are named rollup_*: " + table);
        }
        sources = List.copyOf(sources);
        sources.forEach(LakeIdentifiers::requireTable);
        Objects.requireNonNull(sql, "sql");
        if (sql.strip().endsWith(";")) {
            throw new IllegalArgumentException("rollup SQL must be one SELECT without a trailing ';': " + table);
        }
        if (reach < 0) {
            throw new IllegalArgumentException("reach must be >= 0: " + table);
        }
    }

    /**
     * The table's Hive partition columns, outermost first ({@link PartitionLayout} knows how each is
     * derived from a row). The one place the layout of a rollup is decided.
     */
    public List<String> partitionColumns() {
        return INDEX_DATE;
    }
}
