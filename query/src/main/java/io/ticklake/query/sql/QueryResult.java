package io.ticklake.query.sql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The rows of one query, from either engine. Values are what the engine returned: JDBC objects from
 * DuckDB, strings from Athena (which returns everything as text); {@code null} is SQL NULL.
 *
 * @param columns      column labels
 * @param types        engine type names, one per column
 * @param rows         rows, each with one value per column
 * @param bytesScanned bytes the engine read ({@code -1} when the engine does not say)
 * @param engineTime   time the engine spent on the query
 */
public record QueryResult(List<String> columns, List<String> types, List<List<Object>> rows, long bytesScanned,
                          Duration engineTime) {
    public QueryResult {
        columns = List.copyOf(columns);
        types = List.copyOf(types);
        if (types.size() != columns.size()) {
            throw new IllegalArgumentException("types and columns differ in size");
        }
        final List<List<Object>> copy = new ArrayList<>(rows.size());
        for (final List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row has " + row.size() + " values, expected " + columns.size());
            }
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copy);
        Objects.requireNonNull(engineTime, "engineTime");
    }

    /** The value at row {@code row} of column {@code column} (by label). */
    public Object value(final int row, final String column) {
        final int i = columns.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + column + " in " + columns);
        }
        return rows.get(row).get(i);
    }
}
