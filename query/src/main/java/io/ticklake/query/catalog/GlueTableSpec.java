package io.ticklake.query.catalog;

import io.ticklake.sink.lake.PartitionLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import software.amazon.awssdk.services.glue.model.Column;

/**
 * What a lake table looks like in Glue: its data columns (from the Avro schema, see {@link GlueTypes})
 * its prefix and its partition layout: keys {@code index} (string), then {@code date} (date) or
 * {@code year} (int) as the layout says. A table not partitioned by date has {@code date} among its data
 * columns (the sink's file schema carries it), so Athena shows {@code index} and {@code date} for
 * every layout.
 *
 * @param location the table prefix, e.g. {@code s3://bucket/lake/ohlc_1m/} (a trailing {@code /} is added)
 * @param layout   the partition columns
 */
public record GlueTableSpec(String name, List<Column> columns, String location, PartitionLayout layout) {
    public GlueTableSpec {
        LakeIdentifiers.requireTable(name);
        columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(layout, "layout");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("table " + name + " has no columns");
        }
        for (final Column c : columns) {
            // a file column named like a partition key: the layout given does not match the file schema
            if (layout.columns().contains(c.name())) {
                throw new IllegalArgumentException("table " + name + ": column " + c.name()
                        + " is also a partition key of layout " + layout.id());
            }
        }
        location = location.endsWith("/") ? location : location + "/";
    }

    /** An {@code index=/date=} table. */
    public GlueTableSpec(final String name, final List<Column> columns, final String location) {
        this(name, columns, location, PartitionLayout.INDEX_DATE);
    }

    /** A spec of an {@code index=/date=} table from its Avro record schema. */
    public static GlueTableSpec fromAvro(final String name, final org.apache.avro.Schema schema,
                                         final String location) {
        return fromAvro(name, schema, location, PartitionLayout.INDEX_DATE);
    }

    /** A spec from an Avro record schema (the file schema of a table of {@code layout}). */
    public static GlueTableSpec fromAvro(final String name, final org.apache.avro.Schema schema,
                                         final String location, final PartitionLayout layout) {
        return new GlueTableSpec(name, GlueTypes.columns(schema), location, layout);
    }

    /** The partition keys: the layout's columns in path order with their Glue types. */
    public List<Column> partitionKeys() {
        return partitionKeys(layout);
    }

    /** The partition keys of a table of {@code layout}. */
    public static List<Column> partitionKeys(final PartitionLayout layout) {
        final List<Column> keys = new ArrayList<>();
        for (final String c : layout.columns()) {
            keys.add(Column.builder().name(c).type(switch (c) {
                case "date" -> "date";
                case "year" -> "int";
                default -> "string";
            }).build());
        }
        return List.copyOf(keys);
    }
}
