package io.ticklake.sink;

import io.ticklake.sink.lake.ParquetFormat;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/** The declarations of {@link SinkConfig#DEF}: each {@code sink.*} key once, with its type, default and meaning. */
final class SinkKeys {
    private static final Range POSITIVE = Range.atLeast(1);

    private SinkKeys() {
    }

    static ConfigDef define() {
        final ConfigDef d = new ConfigDef()
                .define(SinkConfig.LAKE, Type.STRING, null, Importance.HIGH,
                        "Lake root: s3://bucket/prefix or a directory (flag --lake).")
                .define(SinkConfig.TABLES, Type.STRING, null, Importance.MEDIUM, "Topic → table mapping, "
                        + "topic=table[:kind] (kind ticks or ohlc; needed when neither name starts with it); default: "
                        + "topology.topic.enriched=ticks and <topology.topic.ohlc.prefix><size>=ohlc_<size> for each of "
                        + "topology.windows. Set, it must map every topic the topology writes to the lake, and only those.")
                .define(SinkConfig.PARTITIONING, Type.STRING, null, Importance.MEDIUM, "Partition layout per lake "
                        + "table, table=layout[,…] with layout index/date, index/year or index (the trading date stays a "
                        + "column). Default: index for ohlc_<n>d/w tables (one row per index-day), index/date for the rest.")
                .define("sink.roll.max.records", Type.LONG, 100_000L, POSITIVE, Importance.MEDIUM,
                        "A batch is closed and uploaded after this many records per topic-partition.")
                .define("sink.roll.max.bytes", Type.LONG, 64L << 20, POSITIVE, Importance.MEDIUM,
                        "… or this many buffered bytes.")
                .define("sink.roll.max.age.ms", Type.LONG, 60_000L, POSITIVE, Importance.MEDIUM,
                        "… or when its first record is this old (wall clock).")
                .define("sink.buffer.max.bytes", Type.LONG, 256L << 20, Range.atLeast(1L << 20), Importance.MEDIUM,
                        "Bound on bytes buffered across all open batches (early roll beyond).")
                .define("sink.max.open.files", Type.INT, 1000, POSITIVE, Importance.LOW,
                        "Bound on open partition paths across all batches (early roll beyond).")
                .define("sink.parquet.compression", Type.STRING, "zstd", Importance.LOW,
                        "Parquet codec: zstd, snappy, gzip or uncompressed.")
                .define("sink.parquet.format", Type.STRING, ParquetFormat.V2.id(), Importance.LOW, "Parquet layout of "
                        + "numbers: v1 (PLAIN), v1-bss, v2 (DELTA_BINARY_PACKED integers, data page v2) or v2-bss (also "
                        + "BYTE_STREAM_SPLIT doubles); all read by DuckDB and Athena/Trino.")
                .define("sink.poll.timeout.ms", Type.LONG, 500L, POSITIVE, Importance.LOW,
                        "Longest wait of one consumer poll.")
                .define("sink.retry.backoff.initial.ms", Type.LONG, 500L, POSITIVE, Importance.LOW,
                        "First delay after a failed batch upload (doubles, with jitter).")
                .define("sink.retry.backoff.max.ms", Type.LONG, 30_000L, POSITIVE, Importance.LOW,
                        "Longest delay between batch upload attempts.")
                .define("sink.stall.after.ms", Type.LONG, 15_000L, POSITIVE, Importance.MEDIUM, "A closed batch not "
                        + "committed for this long (store or catalog failing) makes the sink STALLED and /health/ready 503.")
                .define("sink.announced.partitions.max", Type.INT, 10_000, POSITIVE, Importance.LOW,
                        "Partition paths remembered as registered in the catalog (LRU).");
        return s3(d);
    }

    private static ConfigDef s3(final ConfigDef d) {
        return d.define("sink.s3.region", Type.STRING, null, Importance.MEDIUM,
                        "S3 region (flag --s3-region; default: the AWS default chain).")
                .define("sink.s3.endpoint", Type.STRING, null, Importance.LOW,
                        "S3 endpoint override for S3-compatible servers (flag --s3-endpoint).")
                .define("sink.s3.path.style", Type.BOOLEAN, false, Importance.LOW,
                        "Path-style S3 addressing (flag --s3-path-style).")
                .define("sink.s3.multipart.threshold.bytes", Type.LONG, 16L << 20, POSITIVE, Importance.LOW,
                        "Files larger than this are uploaded in parts.")
                .define("sink.s3.multipart.part.bytes", Type.INT, 8 << 20, POSITIVE, Importance.LOW,
                        "Part size of multipart uploads (>= 5 MiB).")
                .define("sink.s3.sse", Type.STRING, "none", Importance.MEDIUM,
                        "Server-side encryption: none, s3 (SSE-S3) or kms (SSE-KMS).")
                .define("sink.s3.sse.kms.key.id", Type.STRING, null, Importance.LOW,
                        "KMS key for sse=kms (default: the AWS managed key).")
                .define("sink.s3.max.attempts", Type.INT, 3, POSITIVE, Importance.LOW,
                        "Attempts of one S3 request by the SDK.")
                .define("sink.s3.retry.backoff.initial.ms", Type.LONG, 100L, POSITIVE, Importance.LOW,
                        "First SDK retry delay.")
                .define("sink.s3.retry.backoff.max.ms", Type.LONG, 5000L, POSITIVE, Importance.LOW,
                        "Longest SDK retry delay.")
                .define("sink.s3.api.call.timeout.ms", Type.LONG, 60_000L, POSITIVE, Importance.LOW,
                        "Timeout of one S3 call, retries included.");
    }
}
