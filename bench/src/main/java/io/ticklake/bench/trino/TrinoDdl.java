package io.ticklake.bench.trino;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ticklake.query.catalog.GlueTableSpec;
import io.ticklake.query.catalog.LakeIdentifiers;
import io.ticklake.query.sql.Rollup;
import software.amazon.awssdk.services.glue.model.Column;

/**
 * Trino (Hive connector) DDL from the project's own Glue definitions: the columns and partition keys of
 * a {@link GlueTableSpec} become an external Parquet table, so a change of the Glue layout flows through
 * to this check unchanged. Identifiers are double-quoted (Trino); Athena's own DDL (backquoted
 * {@code DROP}, {@code write_compression}) is not Trino's and stays in {@code AthenaRollups}.
 */
public final class TrinoDdl {
    private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),(\\d+)\\)");

    private TrinoDdl() {
    }

    /** The partition keys of a table, from its Glue definition (in path order). */
    public static List<Column> partitionKeys(final GlueTableSpec spec) {
        return spec.partitionKeys();
    }

    /** The Trino type a Hive (Glue) column type is read as. */
    public static String trinoType(final String glueType) {
        final String t = glueType.strip().toLowerCase(Locale.ROOT);
        final Matcher decimal = DECIMAL.matcher(t.replace(" ", ""));
        if (decimal.matches()) {
            return "decimal(" + decimal.group(1) + "," + decimal.group(2) + ")";
        }
        return switch (t) {
            case "string" -> "varchar";
            case "timestamp" -> "timestamp(3)"; // the Hive connector's default precision (milliseconds)
            case "int" -> "integer";
            case "float" -> "real";
            case "binary" -> "varbinary";
            case "bigint", "double", "date", "boolean", "smallint", "tinyint" -> t;
            default -> throw new IllegalArgumentException("no Trino type for Glue type " + glueType);
        };
    }

    /** Every column of the table as Trino lists it: the data columns, then the partition keys. */
    public static List<Column> allColumns(final GlueTableSpec spec) {
        final List<Column> all = new ArrayList<>(spec.columns());
        all.addAll(partitionKeys(spec));
        return List.copyOf(all);
    }

    /**
     * {@code CREATE TABLE schema.name (...) WITH (external_location, format = 'PARQUET', partitioned_by)}
     * over {@code location} (a {@code local:///} URI of the table's directory).
     */
    public static String createExternalTable(final String schema, final GlueTableSpec spec, final String location) {
        final StringBuilder sql = new StringBuilder("CREATE TABLE ").append(qualified(schema, spec.name())).append(" (\n");
        final List<Column> all = allColumns(spec);
        for (int i = 0; i < all.size(); i++) {
            sql.append("    ").append(quote(all.get(i).name())).append(' ').append(trinoType(all.get(i).type()))
                    .append(i < all.size() - 1 ? ",\n" : "\n");
        }
        return sql.append(") WITH (external_location = ").append(literal(location))
                .append(", format = 'PARQUET', partitioned_by = ").append(partitionArray(partitionKeys(spec).stream().map(Column::name).toList()))
                .append(')').toString();
    }

    /** Registers the partition directories found under the table's location ({@code FULL}: adds and drops). */
    public static String syncPartitions(final String schema, final String table) {
        return "CALL system.sync_partition_metadata(schema_name => " + literal(schema) + ", table_name => "
                + literal(LakeIdentifiers.requireTable(table)) + ", mode => 'FULL')";
    }

    /**
     * The Trino form of the rollup's Athena CTAS: the same SELECT into a Parquet table partitioned by the
     * rollup's last columns ({@code "index"}, {@code "date"}, see {@link Rollup}), managed by Trino
     * (in the schema's location) instead of Athena's {@code external_location}/{@code write_compression}.
     */
    public static String createRollup(final String schema, final Rollup rollup) {
        return "CREATE TABLE " + qualified(schema, rollup.table()) + "\nWITH (format = 'PARQUET', partitioned_by = "
                + partitionArray(rollup.partitionColumns()) + ")\nAS\n" + rollup.select(); // partition columns last, as Athena's CTAS
    }

    /** {@code DROP TABLE IF EXISTS} in Trino's quoting. */
    public static String dropTable(final String schema, final String table) {
        return "DROP TABLE IF EXISTS " + qualified(schema, table);
    }

    /** {@code "schema"."table"} after checking both are lake identifiers. */
    public static String qualified(final String schema, final String table) {
        return quote(LakeIdentifiers.requireTable(schema)) + "." + quote(LakeIdentifiers.requireTable(table));
    }

    /** A double-quoted identifier (column names come from the Avro schemas: letters, digits, _). */
    public static String quote(final String identifier) {
        if (!identifier.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a lake identifier: " + identifier);
        }
        return "\"" + identifier + "\"";
    }

    private static String partitionArray(final List<String> keys) {
        return "ARRAY[" + String.join(", ", keys.stream().map(k -> literal(quoteCheck(k))).toList()) + "]";
    }

    private static String quoteCheck(final String name) {
        quote(name);
        return name;
    }

    private static String literal(final String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
