package io.ticklake.sink.lake;

import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/**
 * The explicit Avro schemas of the lake's files: the single source of truth for the Parquet schema
 * and the catalog's columns. Timestamps are {@code long} with logical type {@code timestamp-millis}
 * (Parquet INT64 TIMESTAMP(MILLIS, UTC)). Partition columns ({@code index}, {@code date} or
 * {@code year}) are not in the files — a table not partitioned by date gets {@code date} as its last
 * file column ({@link PartitionLayout#fileSchema}, {@link LakeTable#schema()}); lineage columns
 * {@code kafka_partition} and {@code kafka_offset} are.
 */
public final class LakeSchemas {
    /** Namespace of the record schemas. */
    public static final String NAMESPACE = "io.ticklake.lake";
    /** Partition columns of an {@link PartitionLayout#INDEX_DATE} table, in path order. */
    public static final List<String> PARTITION_COLUMNS = PartitionLayout.INDEX_DATE.columns();

    /** Files of the {@code ticks} table (from {@code ticks-enriched}). */
    public static final Schema TICKS = SchemaBuilder.record("Tick").namespace(NAMESPACE)
            .doc("One enriched tick; partitioned by index and trading date").fields()
            .name("ts").type(timestampMillis()).noDefault()
            .requiredDouble("price")
            .requiredLong("volume")
            .optionalString("exchange")
            .optionalString("region")
            .optionalString("currency")
            .optionalDouble("price_usd")
            .requiredLong("seq")
            .optionalDouble("prev_price")
            .optionalDouble("change")
            .optionalDouble("change_pct")
            .requiredDouble("day_open")
            .requiredDouble("day_high")
            .requiredDouble("day_low")
            .requiredLong("day_volume")
            .requiredDouble("vwap")
            .requiredInt("kafka_partition")
            .requiredLong("kafka_offset")
            .endRecord();

    /** Files of the {@code ohlc_<size>} tables (from {@code ohlc-<size>}). */
    public static final Schema OHLC = SchemaBuilder.record("OhlcBar").namespace(NAMESPACE)
            .doc("One final OHLC bar; partitioned by index and trading date of the window start").fields()
            .name("window_start").type(timestampMillis()).noDefault()
            .name("window_end").type(timestampMillis()).noDefault()
            .requiredDouble("open")
            .requiredDouble("high")
            .requiredDouble("low")
            .requiredDouble("close")
            .requiredLong("volume")
            .requiredDouble("vwap")
            .requiredLong("tick_count")
            .name("first_tick_ts").type(timestampMillis()).noDefault()
            .name("last_tick_ts").type(timestampMillis()).noDefault()
            .requiredInt("kafka_partition")
            .requiredLong("kafka_offset")
            .endRecord();

    private LakeSchemas() {
    }

    /** The file schema of a table of {@code kind}. */
    public static Schema of(final LakeTable.Kind kind) {
        return kind.codec().schema();
    }

    private static Schema timestampMillis() {
        return LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
    }
}
