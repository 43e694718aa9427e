package io.ticklake.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticklake.sink.lake.PartitionLayout;
import io.ticklake.sink.store.S3Settings;
import java.time.Duration;
import java.util.Map;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;

class SinkConfigTest {

    @Test
    void defaults() {
        final SinkConfig c = SinkConfig.defaultConfig();
        assertThat(c.lake()).isNull();
        assertThat(c.tables().topics()).containsExactly("ohlc-1d", "ohlc-1m", "ticks-enriched");
        assertThat(c.roll()).isEqualTo(new RollPolicy.Limits(100_000, 64L << 20, Duration.ofSeconds(60)));
        assertThat(c.bufferMaxBytes()).isEqualTo(256L << 20);
        assertThat(c.maxOpenFiles()).isEqualTo(1000);
        assertThat(c.compression()).isEqualTo(CompressionCodecName.ZSTD);
        assertThat(c.format()).isEqualTo(io.ticklake.sink.lake.ParquetFormat.V2);
        assertThat(c.s3().sse()).isEqualTo(S3Settings.Sse.NONE);
        assertThat(c.s3().endpoint()).isNull();
    }

    @Test
    void readsEveryKind() {
        final SinkConfig c = SinkConfig.from(Map.of("sink.lake", "s3://bkt/p", "sink.roll.max.records", "10",
                "sink.parquet.compression", "SNAPPY", "sink.s3.endpoint", "http://127.0.0.1:9000",
                "sink.s3.path.style", "true", "sink.s3.sse", "kms", "sink.s3.sse.kms.key.id", "k1",
                "sink.tables", "ticks-enriched=ticks", "other.key", "ignored", "sink.max.open.files", " "));
        assertThat(c.lake().bucket()).isEqualTo("bkt");
        assertThat(c.roll().maxRecords()).isEqualTo(10);
        assertThat(c.compression()).isEqualTo(CompressionCodecName.SNAPPY);
        // the one place the file format is chosen: Parquet with the configured codec
        assertThat(c.fileFormat()).isInstanceOfSatisfying(io.ticklake.sink.lake.ParquetEncoder.class,
                e -> assertThat(e.codecName()).isEqualTo(CompressionCodecName.SNAPPY));
        assertThat(c.fileFormat().extension()).isEqualTo(".parquet");
        assertThat(c.s3().pathStyle()).isTrue();
        assertThat(c.s3().kmsKeyId()).isEqualTo("k1");
        assertThat(c.maxOpenFiles()).isEqualTo(1000);
        assertThat(c.tables().topics()).containsExactly("ticks-enriched");
    }

    @Test
    void tablesDefaultToTheCallersWhenNotSet() {
        final var five = io.ticklake.sink.lake.LakeTables.forWindows(java.util.List.of("5m"));
        assertThat(SinkConfig.from(Map.of(), five).tables().topics()).containsExactly("ohlc-5m", "ticks-enriched");
        assertThat(SinkConfig.from(Map.of("sink.tables", "ticks-enriched=ticks"), five).tables().topics())
                .containsExactly("ticks-enriched");
    }

    @Test
    void partitioningDefaultsPerTableAndIsOverriddenPerTable() {
        final var d = SinkConfig.defaultConfig().tables();
        assertThat(d.partitioning()).isEqualTo("ohlc_1d=index,ohlc_1m=index/date,ticks=index/date");
        final var c = SinkConfig.from(Map.of("sink.partitioning", "ohlc_1d=index/year, ohlc_1m = index=/date="));
        assertThat(c.tables().byName("ohlc_1d").orElseThrow().layout()).isEqualTo(PartitionLayout.INDEX_YEAR);
        assertThat(c.tables().byName("ohlc_1m").orElseThrow().layout()).isEqualTo(PartitionLayout.INDEX_DATE);
        assertThat(c.tables().byName("ticks").orElseThrow().layout()).isEqualTo(PartitionLayout.INDEX_DATE);
        assertThat(SinkConfig.from(Map.of("sink.tables", "ticks-enriched=ticks", "sink.partitioning", "ticks=index"))
                .tables().byName("ticks").orElseThrow().layout()).isEqualTo(PartitionLayout.INDEX);
    }

    @Test
    void aBadPartitioningIsAOneLineConfigError() {
        assertThatThrownBy(() -> SinkConfig.from(Map.of("sink.partitioning", "ohlc_1d=month")))
                .hasMessage("Invalid value ohlc_1d=month for configuration sink.partitioning: unknown partitioning month "
                        + "(index/date, index/year or index)");
        assertThatThrownBy(() -> SinkConfig.from(Map.of("sink.partitioning", "ohlc_5m=index")))
                .hasMessage("Invalid value ohlc_5m=index for configuration sink.partitioning: partitioning of an unknown "
                        + "table ohlc_5m (tables: ohlc_1d, ohlc_1m, ticks)");
        assertThatThrownBy(() -> SinkConfig.from(Map.of("sink.partitioning", "index")))
                .hasMessage("Invalid value index for configuration sink.partitioning: partitioning entry must be "
                        + "table=layout: index");
    }

    @Test
    void oneLineErrorsNamingTheKey() {
        assertThatThrownBy(() -> SinkConfig.from(Map.of("sink.roll.max.record", "1")))
                .hasMessage("unknown config key sink.roll.max.record");
        assertThatThrownBy(() -> SinkConfig.from(Map.of("sink.roll.max.records", "many")))
                .hasMessage("Invalid value many for configuration sink.roll.max.records: Not a number of type LONG");
        assertThatThrownBy(() -> SinkConfig.from(Map.of("sink.roll.max.age.ms", "-5")))
                .hasMessage("Invalid value -5 for configuration sink.roll.max.age.ms: Value must be at least 1");
        assertThatThrownBy(() -> SinkConfig.from(Map.of("sink.roll.max.records", "1_000")))
                .hasMessage("Invalid value 1_000 for configuration sink.roll.max.records: Not a number of type LONG");
        assertThatThrownBy(() -> SinkConfig.from(Map.of("sink.parquet.format", "v3")))
                .hasMessageStartingWith("Invalid value v3 for configuration sink.parquet.format: unknown Parquet format");
        assertThat(SinkConfig.from(Map.of("sink.parquet.format", "v2-bss")).format())
                .isEqualTo(io.ticklake.sink.lake.ParquetFormat.V2_BSS);
        assertThatThrownBy(() -> SinkConfig.from(Map.of("sink.parquet.compression", "lz77")))
                .hasMessageStartingWith("Invalid value lz77 for configuration sink.parquet.compression: unknown Parquet compression");
        assertThatThrownBy(() -> SinkConfig.from(Map.of("sink.lake", "ftp://x")))
                .hasMessageStartingWith("Invalid value ftp://x for configuration sink.lake: unsupported lake root scheme");
        assertThatThrownBy(() -> SinkConfig.from(Map.of("sink.s3.path.style", "yes")))
                .hasMessage("Invalid value yes for configuration sink.s3.path.style: Expected value to be either true or false");
        assertThatThrownBy(() -> SinkConfig.from(Map.of("sink.s3.endpoint", "localhost")))
                .hasMessage("Invalid value localhost for configuration sink.s3.endpoint: must be an absolute URL");
        assertThatThrownBy(() -> SinkConfig.from(Map.of("sink.buffer.max.bytes", "1000")))
                .hasMessage("Invalid value 1000 for configuration sink.buffer.max.bytes: Value must be at least 1048576");
        assertThatThrownBy(() -> SinkConfig.from(Map.of("sink.tables", "nope")))
                .hasMessageStartingWith("Invalid value nope for configuration sink.tables: table mapping entry must be topic=table");
        for (var k : SinkConfig.DEF.configKeys().values()) {
            assertThat(k.name).startsWith("sink.").doesNotContain(" ");
            assertThat(k.documentation).isNotBlank();
        }
    }
}
