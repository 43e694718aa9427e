package io.ticklake.query.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

import software.amazon.awssdk.services.glue.model.Column;

/**
 * Maps the lake's explicit Avro schemas to Glue (Hive) column types, the way Athena reads the Parquet
 * files the sink writes: {@code timestamp-millis} → {@code timestamp}, {@code double}, {@code long}
 * → {@code bigint}, {@code int}, {@code string}. A nullable union {@code [null, X]} maps like X.
 */
public final class GlueTypes {
    private GlueTypes() {
    }

    /** The Glue columns of an Avro record schema, in field order. */
    public static List<Column> columns(final Schema record) {
        if (record.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("not a record schema: " + record.getFullName());
        }
        final List<Column> columns = new ArrayList<>();
        for (final Schema.Field field : record.getFields()) {
            columns.add(Column.builder()
                    .name(field.name().toLowerCase(Locale.ROOT))
                    .type(hiveType(field.schema(), field.name()))
                    .comment(field.doc())
                    .build());
        }
        return List.copyOf(columns);
    }

    /** The Hive type name of one Avro field schema. */
    static String hiveType(final Schema schema, final String field) {
        final Schema s = nonNull(schema, field);
        final LogicalType logical = s.getLogicalType();
        if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.TimestampMicros) {
            return "timestamp";
        }
        if (logical instanceof LogicalTypes.Date) {
            return "date";
        }
        if (logical instanceof LogicalTypes.Decimal decimal) {
            return "decimal(" + decimal.getPrecision() + "," + decimal.getScale() + ")";
        }
        return switch (s.getType()) {
            case STRING, ENUM -> "string";
            case DOUBLE -> "double";
            case FLOAT -> "float";
            case LONG -> "bigint";
            case INT -> "int";
            case BOOLEAN -> "boolean";
            case BYTES, FIXED -> "binary";
            default -> throw new IllegalArgumentException("unsupported Avro type for field " + field + ": " + s);
        };
    }

    private static Schema nonNull(final Schema schema, final String field) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        final List<Schema> types = schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).toList();
        if (types.size() != 1) {
            throw new IllegalArgumentException("unsupported union for field " + field + ": " + schema);
        }
        return types.get(0);
    }
}
