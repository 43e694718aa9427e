package io.ticklake.query.catalog;

import java.util.List;
import java.util.Objects;

import software.amazon.awssdk.services.glue.model.Column;

/**
 * What a lake table looks like in Glue: its data columns (from the Avro schema, see {@link GlueTypes})
 * and its prefix. Partition keys are always {@code index} (string) and {@code date} (date).
 *
 * @param location the table prefix, e.g. {@code s3://bucket/lake/ohlc_1m/} (a trailing {@code /} is added)
 */
public record GlueTableSpec(String name, List<Column> columns, String location) {
    /** The partition keys of every lake table. */
    public static final List<Column> PARTITION_KEYS = List.of(
            Column.builder().name("index").type("string").build(),
            Column.builder().name("date").type("date").build());

    public GlueTableSpec {
        LakeIdentifiers.requireTable(name);
        columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
        Objects.requireNonNull(location, "location");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("table " + name + " has no columns");
        }
        location = location.endsWith("/") ? location : location + "/";
    }

    /** A spec from an Avro record schema. */
    public static GlueTableSpec fromAvro(final String name, final org.apache.avro.Schema schema,
                                         final String location) {
        return new GlueTableSpec(name, GlueTypes.columns(schema), location);
    }
}
