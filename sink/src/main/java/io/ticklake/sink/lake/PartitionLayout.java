package io.ticklake.sink.lake;

import java.util.List;
import java.util.Locale;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The Hive partition columns of a lake table, in path order: the one declaration the sink's keys, the
 * Glue definitions (keys, projection), the DuckDB views and the rollup writes follow.
 *
 * <p>{@code index} always comes first. The second column is derived from the row's trading date:
 * {@code date} itself ({@code yyyy-MM-dd}), its 4-digit {@code year}, or nothing. A table not partitioned
 * by {@code date} keeps the trading date as a data column {@code date} (Parquet DATE) in its files, so
 * its rows lose nothing and a SQL user sees the same {@code index} and {@code date} columns whatever the
 * layout. Tables of one row per index-day are best coarse ({@link #INDEX}): a handful of files instead
 * of one per index-day (docs/BENCHMARKS.md, "Partition layout").
 */
public enum PartitionLayout {
    /** {@code index=<escaped>/date=<yyyy-MM-dd>}: tables of many rows per index-day (ticks, 1-minute bars). */
    INDEX_DATE("index/date", List.of("index", "date")),
    /** {@code index=<escaped>/year=<yyyy>}, {@code date} a data column. */
    INDEX_YEAR("index/year", List.of("index", "year")),
    /** {@code index=<escaped>} alone, {@code date} a data column. */
    INDEX("index", List.of("index"));

    /** The name of the trading-date column, a partition column or a data column. */
    public static final String DATE = "date";
    private final String id;
    private final List<String> columns;

    PartitionLayout(final String id, final List<String> columns) {
        this.id = id;
        this.columns = columns;
    }

    /** The declaration's name: {@code index/date}, {@code index/year} or {@code index}. */
    public String id() {
        return id;
    }

    /** The partition columns in path order, {@code index} first. */
    public List<String> columns() {
        return columns;
    }

    /** Whether {@code date} is a partition column (else it is a data column of the files). */
    public boolean partitionsByDate() {
        return this == INDEX_DATE;
    }

    /** The second partition column, or null when {@code index} is the only one. */
    public String valueColumn() {
        return columns.size() > 1 ? columns.get(1) : null;
    }

    /**
     * The value of {@link #valueColumn()} for a row of trading date {@code date} ({@code yyyy-MM-dd}):
     * the date, its year, or null.
     */
    public String value(final String date) {
        return switch (this) {
            case INDEX_DATE -> date;
            case INDEX_YEAR -> date.substring(0, 4);
            case INDEX -> null;
        };
    }

    /** Whether {@code value} is a valid value of {@link #valueColumn()} (null exactly when there is none). */
    public boolean isValue(final String value) {
        return switch (this) {
            case INDEX_DATE -> PartitionPath.isDate(value);
            case INDEX_YEAR -> isYear(value);
            case INDEX -> value == null;
        };
    }

    /** Whether {@code s} is a 4-digit year. */
    public static boolean isYear(final String s) {
        if (s == null || s.length() != 4) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * The file schema of a table of this layout whose rows are {@code rows}: {@code rows} itself when
     * {@code date} is a partition column, else {@code rows} plus a last field {@code date} (Avro
     * {@code int} with logical type {@code date}, days since 1970-01-01: Parquet {@code DATE}).
     */
    public Schema fileSchema(final Schema rows) {
        if (partitionsByDate()) {
            return rows;
        }
        final List<Schema.Field> fields = new java.util.ArrayList<>();
        for (Schema.Field f : rows.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        fields.add(new Schema.Field(DATE, LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT)),
                "trading date (a data column: the table is partitioned by " + id + ")"));
        final Schema s = Schema.createRecord(rows.getName(), rows.getDoc(), rows.getNamespace(), false, fields);
        rows.getObjectProps().forEach(s::addProp);
        return s;
    }

    /**
     * Parses a declared layout: {@code index/date}, {@code index/year} or {@code index} (also with
     * {@code ,} for {@code /}, or Hive-style {@code index=/date=}).
     *
     * @throws IllegalArgumentException listing the accepted names
     */
    public static PartitionLayout parse(final String declared) {
        final String d = declared == null ? "" : declared.trim().toLowerCase(Locale.ROOT)
                .replace("=", "").replace(',', '/').replaceAll("/+$", "").replace(" ", "");
        for (PartitionLayout l : values()) {
            if (l.id.equals(d)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown partitioning " + declared + " (index/date, index/year or index)");
    }

    /**
     * The layout a table gets unless configured otherwise: {@link #INDEX} for bars of a day or longer
     * ({@code ohlc_<n>d}, {@code ohlc_<n>w}: one row per index-day or fewer), {@link #INDEX_DATE} for
     * the rest (ticks and intraday bars, many rows per index-day).
     */
    public static PartitionLayout defaultFor(final LakeTable.Kind kind, final String table) {
        return kind == LakeTable.Kind.OHLC && table.matches(".*_[0-9]+[dw]") ? INDEX : INDEX_DATE;
    }

    @Override
    public String toString() {
        return id;
    }
}
