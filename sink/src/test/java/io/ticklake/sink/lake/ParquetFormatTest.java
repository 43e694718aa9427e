package io.ticklake.sink.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticklake.data.EnrichedTick;
import io.ticklake.sink.testing.LakeReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Every {@link ParquetFormat} holds the same values, for parquet-avro and for DuckDB. */
class ParquetFormatTest {
    private static final int ROWS = 2000;

    private static byte[] encode(final ParquetFormat format, final List<EnrichedTick> in) throws Exception {
        final RowBuffer rows = new RowBuffer(LakeSchemas.TICKS);
        for (int i = 0; i < ROWS; i++) {
            in.add(ParquetEncoderTest.tick(i));
            LakeRows.append(rows, in.get(i), 1, 500 + i);
        }
        return new ParquetEncoder(CompressionCodecName.ZSTD, format).encode(rows);
    }

    @ParameterizedTest
    @EnumSource(ParquetFormat.class)
    void valuesRoundTripThroughParquetAvro(final ParquetFormat format) throws Exception {
        final List<EnrichedTick> in = new ArrayList<>();
        final List<GenericRecord> out = LakeReader.readFile(encode(format, in));
        assertThat(out).hasSize(ROWS);
        for (int i = 0; i < ROWS; i++) {
            assertThat(out.get(i).get("ts")).isEqualTo(in.get(i).ts());
            assertThat(out.get(i).get("price")).isEqualTo(in.get(i).price());
            assertThat(out.get(i).get("prev_price")).isEqualTo(in.get(i).prevPrice());
            assertThat(out.get(i).get("kafka_offset")).isEqualTo(500L + i);
        }
    }

    @ParameterizedTest
    @EnumSource(ParquetFormat.class)
    void duckDbReadsTheSameValues(final ParquetFormat format, @TempDir final Path dir) throws Exception {
        final List<EnrichedTick> in = new ArrayList<>();
        final Path file = Files.write(dir.resolve("f.parquet"), encode(format, in));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT sum(price), sum(prev_price), max(ts), sum(kafka_offset), count(*) "
                     + "FROM read_parquet('" + file + "')")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getDouble(1)).isEqualTo(in.stream().mapToDouble(EnrichedTick::price).sum(),
                    org.assertj.core.data.Offset.offset(1e-6));
            assertThat(rs.getLong(5)).isEqualTo(ROWS);
            assertThat(rs.getLong(4)).isEqualTo((long) ROWS * 500 + (long) ROWS * (ROWS - 1) / 2);
        }
    }

    @Test
    void v2BssUsesDeltaForIntegersAndByteStreamSplitForDoubles() throws Exception {
        final byte[] file = encode(ParquetFormat.V2_BSS, new ArrayList<>());
        try (ParquetFileReader reader = ParquetFileReader.open(new LakeReader.BytesInputFile(file))) {
            final Set<Encoding> ts = new HashSet<>();
            final Set<Encoding> price = new HashSet<>();
            for (ColumnChunkMetaData c : reader.getRowGroups().get(0).getColumns()) {
                if (c.getPath().toDotString().equals("ts")) {
                    ts.addAll(c.getEncodings());
                } else if (c.getPath().toDotString().equals("price")) {
                    price.addAll(c.getEncodings());
                }
            }
            assertThat(ts).contains(Encoding.DELTA_BINARY_PACKED);
            assertThat(price).contains(Encoding.BYTE_STREAM_SPLIT);
        }
    }

    @Test
    void namesParseAndUnknownOnesListTheKnown() {
        assertThat(ParquetFormat.parse(" V2-BSS ")).isEqualTo(ParquetFormat.V2_BSS);
        assertThat(ParquetFormat.parse("v1")).isEqualTo(ParquetFormat.V1);
        assertThatThrownBy(() -> ParquetFormat.parse("v3")).hasMessageContaining("v1, v1-bss, v2, v2-bss");
    }
}
