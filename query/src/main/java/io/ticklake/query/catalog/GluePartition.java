package io.ticklake.query.catalog;

import io.ticklake.sink.lake.PartitionPath;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One partition of a lake table to register in Glue.
 *
 * @param table    lake table name
 * @param values   the raw partition values in the order of the table's partition keys
 *                 ({@link io.ticklake.sink.lake.PartitionLayout#columns()}): the unescaped index symbol
 *                 first, then the date ({@code yyyy-MM-dd}) or year ({@code yyyy}) if the layout has one
 * @param location the partition's prefix, e.g. {@code s3://bucket/lake/ticks/index=NYA/date=2021-05-28/}
 */
public record GluePartition(String table, List<String> values, String location) {
    public GluePartition {
        LakeIdentifiers.requireTable(table);
        values = List.copyOf(Objects.requireNonNull(values, "values"));
        Objects.requireNonNull(location, "location");
        if (values.isEmpty() || values.size() > 2 || values.get(0).isEmpty()) {
            throw new IllegalArgumentException("partition values must be [index] or [index, value] with an index: "
                    + values);
        }
        location = location.endsWith("/") ? location : location + "/";
    }

    /** The partition of an {@code index=/date=} table. */
    public GluePartition(final String table, final String index, final LocalDate date, final String location) {
        this(table, List.of(Objects.requireNonNull(index, "index"), date.toString()), location);
    }

    /** The partition the sink wrote, at {@code location}. */
    public static GluePartition of(final PartitionPath path, final String location) {
        return new GluePartition(path.table(), path.values(), location);
    }

    /** The raw index value. */
    public String index() {
        return values.get(0);
    }
}
