package io.ticklake.sink;

import io.ticklake.sink.lake.FileFormat;
import io.ticklake.sink.lake.LakeTables;
import io.ticklake.sink.lake.ParquetEncoder;
import io.ticklake.sink.lake.ParquetFormat;
import io.ticklake.sink.store.LakeRoot;
import io.ticklake.sink.store.S3Settings;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The sink's configuration, read from {@code sink.*} keys (see sink/README.md for each key). Other
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

    /** Default of {@code sink.tables}. */
    public static final String DEFAULT_TABLES = "ticks-enriched=ticks,ohlc-1m=ohlc_1m,ohlc-1d=ohlc_1d";

    /** Every key with its default ({@code null}: no default). */
    public static final Map<String, String> DEFAULTS = defaults();

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

    private static Map<String, String> defaults() {
        final Map<String, String> d = new LinkedHashMap<>();
        d.put("sink.lake", null);
        d.put("sink.tables", DEFAULT_TABLES);
        d.put("sink.roll.max.records", "100000");
        d.put("sink.roll.max.bytes", String.valueOf(64L << 20));
        d.put("sink.roll.max.age.ms", "60000");
        d.put("sink.buffer.max.bytes", String.valueOf(256L << 20));
        d.put("sink.max.open.files", "1000");
        d.put("sink.parquet.compression", "zstd");
        d.put("sink.parquet.format", ParquetFormat.V1.id());
        d.put("sink.poll.timeout.ms", "500");
        d.put("sink.retry.backoff.initial.ms", "500");
        d.put("sink.retry.backoff.max.ms", "30000");
        d.put("sink.stall.after.ms", "15000");
        d.put("sink.announced.partitions.max", "10000");
        d.put("sink.s3.region", null);
        d.put("sink.s3.endpoint", null);
        d.put("sink.s3.path.style", "false");
        d.put("sink.s3.multipart.threshold.bytes", String.valueOf(16L << 20));
        d.put("sink.s3.multipart.part.bytes", String.valueOf(8L << 20));
        d.put("sink.s3.sse", "none");
        d.put("sink.s3.sse.kms.key.id", null);
        d.put("sink.s3.max.attempts", "3");
        d.put("sink.s3.retry.backoff.initial.ms", "100");
        d.put("sink.s3.retry.backoff.max.ms", "5000");
        d.put("sink.s3.api.call.timeout.ms", "60000");
        return java.util.Collections.unmodifiableMap(d);
    }

    /** All defaults, no lake. */
    public static SinkConfig defaultConfig() {
        return from(Map.of());
    }

    /**
     * Reads {@code sink.*} keys of {@code props}; blank values count as absent.
     *
     * @throws IllegalArgumentException one line naming the key and the problem
     */
    public static SinkConfig from(final Map<String, String> props) {
        final Map<String, String> v = new LinkedHashMap<>(DEFAULTS);
        final Set<String> known = DEFAULTS.keySet();
        props.forEach((k, val) -> {
            if (k.startsWith("sink.")) {
                if (!known.contains(k)) {
                    throw new IllegalArgumentException("unknown config key " + k);
                }
                if (val != null && !val.isBlank()) {
                    v.put(k, val.trim());
                }
            }
        });
        final Reader r = new Reader(v);
        final S3Settings s3 = new S3Settings(v.get("sink.s3.region"), r.uri("sink.s3.endpoint"),
                r.bool("sink.s3.path.style"), r.positiveLong("sink.s3.multipart.threshold.bytes"),
                (int) r.positiveLong("sink.s3.multipart.part.bytes"), r.wrap("sink.s3.sse", S3Settings.Sse::parse),
                v.get("sink.s3.sse.kms.key.id"), (int) r.positiveLong("sink.s3.max.attempts"),
                r.ms("sink.s3.retry.backoff.initial.ms"), r.ms("sink.s3.retry.backoff.max.ms"),
                r.ms("sink.s3.api.call.timeout.ms"));
        return r.wrap("sink", x -> new SinkConfig(
                v.get("sink.lake") == null ? null : r.wrap("sink.lake", LakeRoot::parse),
                r.wrap("sink.tables", LakeTables::parse),
                new RollPolicy.Limits(r.positiveLong("sink.roll.max.records"), r.positiveLong("sink.roll.max.bytes"),
                        r.ms("sink.roll.max.age.ms")),
                r.positiveLong("sink.buffer.max.bytes"), (int) r.positiveLong("sink.max.open.files"),
                r.wrap("sink.parquet.compression", ParquetEncoder::codec),
                r.wrap("sink.parquet.format", ParquetFormat::parse), r.ms("sink.poll.timeout.ms"),
                r.ms("sink.retry.backoff.initial.ms"), r.ms("sink.retry.backoff.max.ms"), r.ms("sink.stall.after.ms"),
                (int) r.positiveLong("sink.announced.partitions.max"), s3));
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

    private record Reader(Map<String, String> v) {
        long positiveLong(final String key) {
            final String s = v.get(key);
            try {
                final long n = Long.parseLong(s.replace("_", ""));
                if (n <= 0) {
                    throw new IllegalArgumentException(key + " must be > 0: " + s);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a positive integer: " + s);
            }
        }

        Duration ms(final String key) {
            return Duration.ofMillis(positiveLong(key));
        }

        boolean bool(final String key) {
            final String s = v.get(key).toLowerCase(Locale.ROOT);
            if (!s.equals("true") && !s.equals("false")) {
                throw new IllegalArgumentException(key + " must be true or false: " + v.get(key));
            }
            return Boolean.parseBoolean(s);
        }

        URI uri(final String key) {
            final String s = v.get(key);
            if (s == null) {
                return null;
            }
            try {
                final URI u = URI.create(s);
                if (u.getScheme() == null || u.getHost() == null) {
                    throw new IllegalArgumentException(key + " must be an absolute URL: " + s);
                }
                return u;
            } catch (IllegalArgumentException e) {
                throw e.getMessage() != null && e.getMessage().startsWith(key) ? e
                        : new IllegalArgumentException(key + " must be an absolute URL: " + s);
            }
        }

        <T> T wrap(final String key, final java.util.function.Function<String, T> parse) {
            try {
                return parse.apply(v.get(key));
            } catch (IllegalArgumentException e) {
                final String m = e.getMessage();
                throw new IllegalArgumentException(m != null && m.startsWith("sink.") ? m : key + ": " + m);
            }
        }
    }
}
