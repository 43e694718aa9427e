package io.ticklake.query.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * One column of a DuckDB view, used to declare tables that have no files yet (so that queries over
 * an empty lake table return no rows instead of failing).
 *
 * @param name column name: lowercase letters, digits, {@code _}
 * @param type DuckDB type name, e.g. {@code TIMESTAMPTZ}, {@code DOUBLE}, {@code VARCHAR}
 */
public record DuckColumn(String name, String type) {
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,127}");
    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Z0-9_ ]{0,40}(\\([0-9, ]{1,10}\\))?");

    public DuckColumn {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid column name: " + name);
        }
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("invalid column type for " + name + ": " + type);
        }
    }

    /**
     * The last two columns of every lake table's view, whatever its {@link io.ticklake.sink.lake.PartitionLayout}
     * (partition columns, or {@code date} a data column moved last).
     */
    public static final List<DuckColumn> PARTITION_COLUMNS = List.of(
            new DuckColumn("index", "VARCHAR"), new DuckColumn("date", "DATE"));

    /**
     * The columns DuckDB shows for the Parquet files written from {@code schema}, plus the partition
     * columns: {@code timestamp-millis} (UTC-adjusted) reads as {@code TIMESTAMPTZ}. A {@code date} field
     * (the file schema of a table not partitioned by date) becomes the last column.
     */
    public static List<DuckColumn> fromAvro(final Schema schema) {
        Objects.requireNonNull(schema, "schema");
        final List<DuckColumn> columns = new ArrayList<>();
        for (final Schema.Field f : schema.getFields()) {
            if (f.name().equals("date") || f.name().equals("index")) {
                continue;
            }
            columns.add(new DuckColumn(f.name(), type(f.schema(), f.name())));
        }
        columns.addAll(PARTITION_COLUMNS);
        return List.copyOf(columns);
    }

    private static String type(final Schema schema, final String field) {
        Schema s = schema;
        if (s.getType() == Schema.Type.UNION) {
            s = s.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("null-only union: " + field));
        }
        final LogicalType logical = s.getLogicalType();
        if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.TimestampMicros) {
            return "TIMESTAMPTZ";
        }
        if (logical instanceof LogicalTypes.Date) {
            return "DATE";
        }
        return switch (s.getType()) {
            case STRING, ENUM -> "VARCHAR";
            case DOUBLE -> "DOUBLE";
            case FLOAT -> "FLOAT";
            case LONG -> "BIGINT";
            case INT -> "INTEGER";
            case BOOLEAN -> "BOOLEAN";
            case BYTES, FIXED -> "BLOB";
            default -> throw new IllegalArgumentException("unsupported Avro type for " + field + ": " + s);
        };
    }
}
