package io.ticklake.sink.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.data.EnrichedTick;
import io.ticklake.data.OhlcBar;
import io.ticklake.sink.testing.LakeReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.junit.jupiter.api.Test;

class ParquetEncoderTest {

    static EnrichedTick tick(final int i) {
        final boolean first = i == 0;
        return new EnrichedTick("NYA", 1_622_208_600_000L + i * 1000L, 16_000 + i * 0.25, 100 + i,
                i % 7 == 3 ? null : "New York Stock Exchange", "United States", "USD", 16_000 + i * 0.25,
                "2021-05-28", i + 1, first ? null : 16_000 + (i - 1) * 0.25, first ? null : 0.25,
                first ? null : 0.0015, 16_000, 16_000 + i * 0.25, 15_990, 1000L * i, 16_001.5);
    }

    @Test
    void ticksRoundTripThroughParquetAvro() throws Exception {
        final RowBuffer rows = new RowBuffer(LakeSchemas.TICKS);
        final List<EnrichedTick> in = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            in.add(tick(i));
            LakeRows.append(rows, in.get(i), 3, 1000 + i);
        }
        final byte[] file = ParquetEncoder.zstd().encode(rows);
        final List<GenericRecord> out = LakeReader.readFile(file);
        assertThat(out).hasSize(in.size());
        for (int i = 0; i < in.size(); i++) {
            final EnrichedTick t = in.get(i);
            final GenericRecord r = out.get(i);
            assertThat(r.get("ts")).isEqualTo(t.ts());
            assertThat(r.get("price")).isEqualTo(t.price());
            assertThat(r.get("volume")).isEqualTo(t.volume());
            assertThat(r.get("exchange") == null ? null : r.get("exchange").toString()).isEqualTo(t.exchange());
            assertThat(r.get("prev_price")).isEqualTo(t.prevPrice());
            assertThat(r.get("change_pct")).isEqualTo(t.changePct());
            assertThat(r.get("day_volume")).isEqualTo(t.dayVolume());
            assertThat(r.get("kafka_partition")).isEqualTo(3);
            assertThat(r.get("kafka_offset")).isEqualTo(1000L + i);
        }
        try (ParquetFileReader reader = ParquetFileReader.open(new LakeReader.BytesInputFile(file))) {
            final PrimitiveType ts = reader.getFileMetaData().getSchema().getType("ts").asPrimitiveType();
            assertThat(ts.getPrimitiveTypeName()).isEqualTo(PrimitiveType.PrimitiveTypeName.INT64);
            assertThat(ts.getLogicalTypeAnnotation()).isEqualTo(
                    LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS));
            for (ColumnChunkMetaData c : reader.getRowGroups().get(0).getColumns()) {
                assertThat(c.getCodec()).isEqualTo(CompressionCodecName.ZSTD);
            }
            assertThat(reader.getFileMetaData().getKeyValueMetaData()).containsKey("parquet.avro.schema");
        }
    }

    /** More rows than Parquet's page row limit (20,000): several pages per column, statistics per chunk. */
    @Test
    void aBufferOfManyPagesRoundTripsWithStatistics() throws Exception {
        final RowBuffer rows = new RowBuffer(LakeSchemas.TICKS);
        final int n = 65_000;
        for (int i = 0; i < n; i++) {
            LakeRows.append(rows, tick(i), 1, i);
        }
        final byte[] file = new ParquetEncoder(CompressionCodecName.ZSTD, ParquetFormat.V2).encode(rows);
        final List<GenericRecord> out = LakeReader.readFile(file);
        assertThat(out).hasSize(n);
        assertThat(out.get(n - 1).get("kafka_offset")).isEqualTo((long) n - 1);
        assertThat(out.get(n - 1).get("price")).isEqualTo(tick(n - 1).price());
        assertThat(out.stream().filter(r -> r.get("exchange") == null).count()).isEqualTo(
                java.util.stream.IntStream.range(0, n).filter(i -> i % 7 == 3).count());
        try (ParquetFileReader reader = ParquetFileReader.open(new LakeReader.BytesInputFile(file))) {
            assertThat(reader.getRowGroups()).singleElement().satisfies(g -> {
                assertThat(g.getRowCount()).isEqualTo(n);
                final ColumnChunkMetaData offset = g.getColumns().stream()
                        .filter(c -> c.getPath().toDotString().equals("kafka_offset")).findFirst().orElseThrow();
                assertThat(offset.getStatistics().genericGetMin()).isEqualTo(0L);
                assertThat(offset.getStatistics().genericGetMax()).isEqualTo((long) n - 1);
            });
            final var pages = reader.readNextRowGroup().getPageReader(
                    reader.getFileMetaData().getSchema().getColumnDescription(new String[] {"ts"}));
            int count = 0;
            while (pages.readPage() != null) {
                count++;
            }
            assertThat(count).as("data pages of ts").isGreaterThan(1);
        }
    }

    @Test
    void barsRoundTripWithSnappy() throws Exception {
        final RowBuffer rows = new RowBuffer(LakeSchemas.OHLC);
        final OhlcBar bar = new OhlcBar("N225", "1m", 60_000, 120_000, "1970-01-01", 10, 12, 9, 11, 500, 10.5, 7,
                60_100, 119_900);
        LakeRows.append(rows, bar, 0, 42);
        final List<GenericRecord> out = LakeReader.readFile(
                new ParquetEncoder(ParquetEncoder.codec("snappy")).encode(rows));
        assertThat(out).singleElement().satisfies(r -> {
            assertThat(r.get("window_start")).isEqualTo(60_000L);
            assertThat(r.get("close")).isEqualTo(11.0);
            assertThat(r.get("tick_count")).isEqualTo(7L);
            assertThat(r.get("last_tick_ts")).isEqualTo(119_900L);
            assertThat(r.get("kafka_offset")).isEqualTo(42L);
        });
    }

    @Test
    void bufferBytesGrowWithRowsAndCountRepeatedStringsOnce() {
        final RowBuffer rows = new RowBuffer(LakeSchemas.TICKS);
        final long empty = rows.bytes();
        for (int i = 0; i < 1000; i++) {
            LakeRows.append(rows, tick(i), 0, i);
        }
        assertThat(rows.size()).isEqualTo(1000);
        // ~150 bytes of primitives per row at most 2x capacity, strings counted only when they change
        assertThat(rows.bytes() - empty).isBetween(1000L * 140, 2L * 1024 * 160 + 1000L * 60);
    }
}
