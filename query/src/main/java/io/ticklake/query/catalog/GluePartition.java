package io.ticklake.query.catalog;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One partition of a lake table to register in Glue.
 *
 * @param table    lake table name
 * @param index    the raw (unescaped) index symbol, the {@code index} partition value
 * @param date     the trading date, the {@code date} partition value
 * @param location the partition's prefix, e.g. {@code s3://bucket/lake/ticks/index=NYA/date=2021-05-28/}
 */
public record GluePartition(String table, String index, LocalDate date, String location) {
    public GluePartition {
        LakeIdentifiers.requireTable(table);
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(location, "location");
        if (index.isEmpty()) {
            throw new IllegalArgumentException("index must not be empty");
        }
        location = location.endsWith("/") ? location : location + "/";
    }

    /** Partition values in the order of the partition keys ({@code index}, {@code date}). */
    public List<String> values() {
        return List.of(index, date.toString());
    }
}
