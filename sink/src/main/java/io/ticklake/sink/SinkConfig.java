package io.ticklake.sink;

import io.ticklake.sink.lake.FileFormat;
import io.ticklake.sink.lake.LakeTables;
import io.ticklake.sink.lake.ParquetEncoder;
import io.ticklake.sink.lake.ParquetFormat;
import io.ticklake.sink.store.LakeRoot;
import io.ticklake.sink.store.S3Settings;
import io.ticklake.data.config.DeclaredConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The sink's configuration, read from the {@code sink.*} keys {@link #DEF} declares. Other
 * keys are ignored, so the app can pass its whole configuration; an unknown {@code sink.} key is an
 * error (a typo must not silently fall back to a default). Errors are one line naming the key.
 *
 * @param lake                 the lake root, null when the caller supplies the store itself
 * @param tables               topic → table mapping
 * @param roll                 when a batch is closed
 * @param bufferMaxBytes       bound on bytes buffered across all open batches (early roll beyond)
 * @param maxOpenFiles         bound on partition paths open across all batches (early roll beyond)
 * @param compression          Parquet codec
 * @param format               Parquet page version and number encodings
 * @param pollTimeout          longest wait in one consumer poll
 * @param retryBackoffInitial  first delay after a failed batch upload (doubles, with jitter)
 * @param retryBackoffMax      longest delay between batch upload attempts
 * @param stallAfter           a closed batch not committed for this long makes the sink {@code STALLED}
 * @param announcedMax         partition paths remembered as announced to the listener (LRU)
 * @param s3                   S3 client settings (used when the lake is on S3)
 */
public record SinkConfig(LakeRoot lake, LakeTables tables, RollPolicy.Limits roll, long bufferMaxBytes,
                         int maxOpenFiles, CompressionCodecName compression, ParquetFormat format,
                         Duration pollTimeout,
                         Duration retryBackoffInitial, Duration retryBackoffMax, Duration stallAfter,
                         int announcedMax, S3Settings s3) {

    /** Keys a caller may give the sink: {@link #DEF}'s. */
    public static final String LAKE = "sink.lake";
    public static final String TABLES = "sink.tables";
    public static final String PARTITIONING = "sink.partitioning";

    /**
     * Every {@code sink.*} key with its type, default, validator and meaning: the one declaration the
     * reader below and the configuration reference use.
     */
    public static final ConfigDef DEF = SinkKeys.define();

    public SinkConfig {
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(roll, "roll");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(s3, "s3");
        Objects.requireNonNull(stallAfter, "stallAfter");
        if (bufferMaxBytes < 1024 * 1024) {
            throw new IllegalArgumentException("sink.buffer.max.bytes must be >= 1048576: " + bufferMaxBytes);
        }
        if (maxOpenFiles < 1) {
            throw new IllegalArgumentException("sink.max.open.files must be >= 1: " + maxOpenFiles);
        }
        if (announcedMax < 1) {
            throw new IllegalArgumentException("sink.announced.partitions.max must be >= 1: " + announcedMax);
        }
        if (retryBackoffMax.compareTo(retryBackoffInitial) < 0 || retryBackoffInitial.isNegative()) {
            throw new IllegalArgumentException("sink.retry.backoff.max.ms must be >= sink.retry.backoff.initial.ms");
        }
    }

    /** All defaults, no lake. */
    public static SinkConfig defaultConfig() {
        return from(Map.of());
    }

    /**
     * Reads the {@code sink.*} keys of {@code props} ({@link #DEF}); blank values count as absent, other
     * keys are ignored; without {@code sink.tables}, {@link LakeTables#defaults()}.
     *
     * @throws IllegalArgumentException one line naming the key and the problem
     */
    public static SinkConfig from(final Map<String, String> props) {
        return from(props, LakeTables.defaults());
    }

    /**
     * As {@link #from(Map)}, with {@code defaultTables} when {@code sink.tables} is not set (the
     * service passes the tables of the topology's windows).
     */
    public static SinkConfig from(final Map<String, String> props, final LakeTables defaultTables) {
        props.keySet().forEach(k -> {
            if (k.startsWith("sink.") && !DEF.names().contains(k)) {
                throw new IllegalArgumentException("unknown config key " + k);
            }
        });
        final DeclaredConfig c = DeclaredConfig.parse(DEF, props);
        final S3Settings s3 = new S3Settings(c.string("sink.s3.region"), c.as("sink.s3.endpoint", SinkConfig::url),
                c.bool("sink.s3.path.style"), c.longValue("sink.s3.multipart.threshold.bytes"),
                c.intValue("sink.s3.multipart.part.bytes"), c.as("sink.s3.sse", S3Settings.Sse::parse),
                c.string("sink.s3.sse.kms.key.id"), c.intValue("sink.s3.max.attempts"),
                ms(c, "sink.s3.retry.backoff.initial.ms"), ms(c, "sink.s3.retry.backoff.max.ms"),
                ms(c, "sink.s3.api.call.timeout.ms"));
        final LakeTables mapped = c.string(TABLES) == null ? defaultTables : c.as(TABLES, LakeTables::parse);
        final LakeTables tables = c.string(PARTITIONING) == null ? mapped
                : c.as(PARTITIONING, mapped::withPartitioning);
        try {
            return new SinkConfig(c.string(LAKE) == null ? null : c.as(LAKE, LakeRoot::parse), tables,
                    new RollPolicy.Limits(c.longValue("sink.roll.max.records"), c.longValue("sink.roll.max.bytes"),
                            ms(c, "sink.roll.max.age.ms")),
                    c.longValue("sink.buffer.max.bytes"), c.intValue("sink.max.open.files"),
                    c.as("sink.parquet.compression", ParquetEncoder::codec),
                    c.as("sink.parquet.format", ParquetFormat::parse), ms(c, "sink.poll.timeout.ms"),
                    ms(c, "sink.retry.backoff.initial.ms"), ms(c, "sink.retry.backoff.max.ms"),
                    ms(c, "sink.stall.after.ms"), c.intValue("sink.announced.partitions.max"), s3);
        } catch (IllegalArgumentException e) {
            final String m = e.getMessage();
            throw new IllegalArgumentException(m != null && (m.startsWith("sink.") || m.startsWith("Invalid value")) ? m
                    : "sink: " + m, e);
        }
    }

    private static Duration ms(final DeclaredConfig c, final String key) {
        return Duration.ofMillis(c.longValue(key));
    }

    private static URI url(final String s) {
        if (s == null) {
            return null;
        }
        final URI u;
        try {
            u = URI.create(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be an absolute URL");
        }
        if (u.getScheme() == null || u.getHost() == null) {
            throw new IllegalArgumentException("must be an absolute URL");
        }
        return u;
    }

    /** The file format of the lake's files, the one place it is chosen: Parquet with the configured codec and layout. */
    public FileFormat fileFormat() {
        return new ParquetEncoder(compression, format);
    }

    /** This configuration with another lake root. */
    public SinkConfig withLake(final LakeRoot root) {
        return new SinkConfig(root, tables, roll, bufferMaxBytes, maxOpenFiles, compression, format, pollTimeout,
                retryBackoffInitial, retryBackoffMax, stallAfter, announcedMax, s3);
    }
}
