package io.ticklake.query.sql;

import java.util.List;
import java.util.Objects;

import io.ticklake.query.catalog.LakeIdentifiers;

/**
 * One rollup table: its name ({@code rollup_*}), the tables it reads, and its SELECT in the SQL
 * subset Athena (Trino) and DuckDB share. The select list ends with the partition columns
 * {@code "index"} and {@code "date"} (Athena CTAS needs them last).
 */
public record Rollup(String table, List<String> sources, String sql) {
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
    }
}
