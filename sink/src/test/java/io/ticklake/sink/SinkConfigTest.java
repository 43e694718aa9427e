package io.ticklake.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThat(c.format()).isEqualTo(io.ticklake.sink.lake.ParquetFormat.V1);
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
    void oneLineErrorsNamingTheKey() {
        assertThatThrownBy(() -> SinkConfig.from(Map.of("sink.roll.max.record", "1")))
                .hasMessage("unknown config key sink.roll.max.record");
        assertThatThrownBy(() -> SinkConfig.from(Map.of("sink.roll.max.records", "many")))
                .hasMessage("sink.roll.max.records must be a positive integer: many");
        assertThatThrownBy(() -> SinkConfig.from(Map.of("sink.roll.max.age.ms", "-5")))
                .hasMessage("sink.roll.max.age.ms must be > 0: -5");
        assertThatThrownBy(() -> SinkConfig.from(Map.of("sink.parquet.format", "v3")))
                .hasMessageStartingWith("sink.parquet.format: unknown Parquet format");
        assertThat(SinkConfig.from(Map.of("sink.parquet.format", "v2-bss")).format())
                .isEqualTo(io.ticklake.sink.lake.ParquetFormat.V2_BSS);
        assertThatThrownBy(() -> SinkConfig.from(Map.of("sink.parquet.compression", "lz77")))
                .hasMessageStartingWith("sink.parquet.compression: unknown Parquet compression");
        assertThatThrownBy(() -> SinkConfig.from(Map.of("sink.lake", "ftp://x")))
                .hasMessageStartingWith("sink.lake: unsupported lake root scheme");
        assertThatThrownBy(() -> SinkConfig.from(Map.of("sink.s3.path.style", "yes")))
                .hasMessage("sink.s3.path.style must be true or false: yes");
        assertThatThrownBy(() -> SinkConfig.from(Map.of("sink.s3.endpoint", "localhost")))
                .hasMessage("sink.s3.endpoint must be an absolute URL: localhost");
        assertThatThrownBy(() -> SinkConfig.from(Map.of("sink.buffer.max.bytes", "1000")))
                .hasMessageContaining("sink.buffer.max.bytes must be >= 1048576");
        assertThatThrownBy(() -> SinkConfig.from(Map.of("sink.tables", "nope")))
                .hasMessageStartingWith("sink.tables: table mapping entry must be topic=table");
        for (var e : SinkConfig.DEFAULTS.keySet()) {
            assertThat(e).startsWith("sink.").doesNotContain(" ");
        }
    }
}
