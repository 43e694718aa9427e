package io.ticklake.query.sql;

import java.nio.file.Path;
import java.util.List;

import io.ticklake.sink.lake.PartitionPath;

/**
 * How the rollup refresh derives a table's partitions (from {@link io.ticklake.sink.lake.PartitionLayout#columns()}): its Hive partition columns, outermost first, each derived from a row's
 * {@code "index"} and {@code "date"}: {@code index}, {@code date} or {@code year} (the date's year). A
 * partition's directory is {@code <table>/<col>=<value>/…}, the index value escaped as the sink escapes it
 * ({@link PartitionPath#escape}).
 *
 * @param columns partition columns, e.g. {@code [index, date]}, {@code [index, year]} or {@code [index]}
 */
public record RefreshLayout(List<String> columns) {
    public RefreshLayout {
        columns = List.copyOf(columns);
        if (columns.isEmpty() || !columns.get(0).equals("index")) {
            throw new IllegalArgumentException("partition columns must start with index: " + columns);
        }
        columns.forEach(RefreshLayout::expression);
    }

    /** The SQL expression of partition column {@code column} over a row with {@code "index"} and {@code "date"}. */
    static String expression(final String column) {
        return switch (column) {
            case "index" -> "CAST(\"index\" AS VARCHAR)";
            case "date" -> "CAST(\"date\" AS VARCHAR)";
            case "year" -> "CAST(year(\"date\") AS VARCHAR)";
            default -> throw new IllegalArgumentException("unsupported partition column " + column
                    + " (index, date, year)");
        };
    }

    /** Whether {@code column} of a row is a partition column (so not stored in the files). */
    boolean isPartition(final String column) {
        return columns.contains(column);
    }

    /** The directory of the partition with {@code values} (one per column, as {@link #expression} gives them). */
    Path directory(final Path tableDir, final List<String> values) {
        Path dir = tableDir;
        for (int i = 0; i < columns.size(); i++) {
            final String v = values.get(i);
            final String col = columns.get(i);
            if (!col.equals("index") && !v.matches("[0-9]{4}(-[0-9]{2}-[0-9]{2})?")) {
                throw new IllegalArgumentException("not a " + col + " partition value: " + v);
            }
            dir = dir.resolve(col + "=" + (col.equals("index") ? PartitionPath.escape(v) : v));
        }
        return dir;
    }
}
