package io.ticklake.service.config;

import io.ticklake.sink.SinkConfig;
import io.ticklake.topology.TopologyConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every configuration key ticklake reads, with its default and meaning: the single source of the
 * README's configuration reference (a test keeps the two equal). Besides these, {@code kafka.*}
 * keys go to every Kafka client and {@code streams.*} keys to Kafka Streams.
 */
public final class ConfigKeys {
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String APPLICATION_ID = "application.id";
    public static final String STATE_DIR = "state.dir";
    public static final String HTTP_HOST = "http.host";
    public static final String HTTP_PORT = "http.port";
    public static final String PROCESSING_GUARANTEE = "streams.processing.guarantee";
    public static final String STREAMS_THREADS = "streams.num.stream.threads";
    public static final String CLOSE_TIMEOUT_MS = "shutdown.timeout.ms";
    public static final String STARTUP_BROKER_TIMEOUT_MS = "startup.broker.timeout.ms";
    /** Default of {@link #STARTUP_BROKER_TIMEOUT_MS}: a start against an unreachable broker fails in 10 s. */
    public static final String DEFAULT_STARTUP_BROKER_TIMEOUT_MS = "10000";
    public static final String TOPICS_CREATE = "topics.create";
    public static final String TOPICS_PARTITIONS = "topics.partitions";
    public static final String TOPICS_REPLICATION = "topics.replication.factor";
    public static final String GLUE_DATABASE = "catalog.glue.database";
    public static final String GLUE_REGION = "catalog.glue.region";
    public static final String GLUE_ENDPOINT = "catalog.glue.endpoint";
    public static final String SINK_LAKE = "sink.lake";

    /** Passed to every Kafka client (producer, consumer, admin, Streams), without the prefix. */
    public static final String KAFKA_PREFIX = "kafka.";
    /** Passed to Kafka Streams, without the prefix. */
    public static final String STREAMS_PREFIX = "streams.";

    private static final List<ConfigKey> APP = List.of(
            new ConfigKey(BOOTSTRAP_SERVERS, null, "Kafka bootstrap servers, host:port[,host:port] (run, replay)."),
            new ConfigKey(APPLICATION_ID, "ticklake", "Kafka Streams application id; the sink's consumer group is "
                    + "this id followed by -sink."),
            new ConfigKey(STATE_DIR, "<tmp>/ticklake-state", "Kafka Streams state directory."),
            new ConfigKey(HTTP_HOST, "0.0.0.0", "Address the admin HTTP server (health, metrics; no auth) binds "
                    + "to: all interfaces so that container probes reach it; 127.0.0.1 keeps it local (demo does)."),
            new ConfigKey(HTTP_PORT, "8080", "Port of the admin HTTP server; 0 picks a free port (printed)."),
            new ConfigKey(PROCESSING_GUARANTEE, "exactly_once_v2", "exactly_once_v2 or at_least_once."),
            new ConfigKey(STREAMS_THREADS, "1", "Kafka Streams threads (any other streams.* key is passed too)."),
            new ConfigKey(CLOSE_TIMEOUT_MS, "30000", "How long a graceful stop may take for Streams and for the sink."),
            new ConfigKey(STARTUP_BROKER_TIMEOUT_MS, DEFAULT_STARTUP_BROKER_TIMEOUT_MS, "How long run and replay wait "
                    + "at start for Kafka to answer before failing in one line (replay: this variable or "
                    + "--broker-timeout-ms)."),
            new ConfigKey(TOPICS_CREATE, "true", "Create missing topics at start."),
            new ConfigKey(TOPICS_PARTITIONS, "6", "Partitions of topics ticklake creates."),
            new ConfigKey(TOPICS_REPLICATION, "-1", "Replication factor of topics ticklake creates; -1 = broker default."),
            new ConfigKey(GLUE_DATABASE, null, "Glue database to register tables and partitions in (lake on s3:// only); "
                    + "none: no catalog."),
            new ConfigKey(GLUE_REGION, null, "Glue region (default: the AWS default chain, else sink.s3.region)."),
            new ConfigKey(GLUE_ENDPOINT, null, "Glue endpoint override (tests, moto_server)."));

    private ConfigKeys() {
    }

    private static final List<ConfigKey> ALL = build();

    /** Every documented key in reference order: app, topology, sink. */
    public static List<ConfigKey> all() {
        return ALL;
    }

    private static List<ConfigKey> build() {
        final List<ConfigKey> keys = new ArrayList<>(APP);
        keys.addAll(topology());
        final Map<String, String> descriptions = sinkDescriptions();
        SinkConfig.DEFAULTS.forEach((name, dflt) ->
                keys.add(new ConfigKey(name, dflt, descriptions.getOrDefault(name, "See sink/README.md."))));
        return Collections.unmodifiableList(keys);
    }

    /** Whether {@code name} is a documented key. */
    public static boolean isKnown(final String name) {
        return all().stream().anyMatch(k -> k.name().equals(name))
                || name.matches("topology\\.window\\.[0-9]+[smhd]\\.grace\\.ms");
    }

    private static List<ConfigKey> topology() {
        final TopologyConfig d = TopologyConfig.defaults();
        return List.of(
                new ConfigKey(TopologyConfig.RAW_TOPIC, d.rawTopic(), "Input topic of raw ticks."),
                new ConfigKey(TopologyConfig.ENRICHED_TOPIC, d.enrichedTopic(), "Topic of enriched ticks."),
                new ConfigKey(TopologyConfig.DLQ_TOPIC, d.dlqTopic(), "Dead-letter topic (original bytes, reason in headers)."),
                new ConfigKey(TopologyConfig.LATE_TOPIC, d.lateTopic(), "Ticks later than their window's grace."),
                new ConfigKey(TopologyConfig.BAR_TOPIC_PREFIX, d.barTopicPrefix(),
                        "Bars of a window go to this prefix + the window size (ohlc-1m)."),
                new ConfigKey(TopologyConfig.WINDOWS, "1m,1d", "OHLC window sizes (tumbling, epoch-aligned UTC)."),
                new ConfigKey("topology.window.1m.grace.ms", String.valueOf(TopologyConfig.DEFAULT_GRACE.toMillis()),
                        "Grace of the 1m window (topology.window.<size>.grace.ms for any size)."),
                new ConfigKey("topology.window.1d.grace.ms", String.valueOf(TopologyConfig.DEFAULT_DAILY_GRACE.toMillis()),
                        "Grace of the 1d window."),
                new ConfigKey(TopologyConfig.STRICT_UNKNOWN_INDEX, "false", "Dead-letter ticks of indices missing from the "
                        + "reference data (else processed with null enrichment)."),
                new ConfigKey(TopologyConfig.MAX_FUTURE_MS, String.valueOf(TopologyConfig.DEFAULT_MAX_FUTURE_MS),
                        "A tick this far ahead of the wall clock is a dead letter."),
                new ConfigKey(TopologyConfig.IDLE_CLOSE_MS, "0", "Close an index's windows after this much wall-clock "
                        + "silence (live feeds); 0 = off."),
                new ConfigKey(TopologyConfig.REFERENCE_FILE, null, "Reference data CSV replacing the built-in one."),
                new ConfigKey(TopologyConfig.MAX_INDICES, String.valueOf(TopologyConfig.DEFAULT_MAX_INDICES),
                        "Distinct indices one task (input partition) keeps state for; ticks of further indices "
                        + "are dead letters (too-many-indices)."));
    }

    private static Map<String, String> sinkDescriptions() {
        final Map<String, String> d = new LinkedHashMap<>();
        d.put(SINK_LAKE, "Lake root: s3://bucket/prefix or a directory (flag --lake).");
        d.put("sink.tables", "Topic → table mapping, topic=table[:kind] (kind ticks or ohlc; needed when neither name "
                + "starts with it).");
        d.put("sink.roll.max.records", "A batch is closed and uploaded after this many records per topic-partition.");
        d.put("sink.roll.max.bytes", "… or this many buffered bytes.");
        d.put("sink.roll.max.age.ms", "… or when its first record is this old (wall clock).");
        d.put("sink.buffer.max.bytes", "Bound on bytes buffered across all open batches (early roll beyond).");
        d.put("sink.max.open.files", "Bound on open partition paths across all batches (early roll beyond).");
        d.put("sink.parquet.compression", "Parquet codec: zstd, snappy, gzip or uncompressed.");
        d.put("sink.parquet.format", "Parquet layout of numbers: v1 (PLAIN), v1-bss, v2 (DELTA_BINARY_PACKED integers, data "
                + "page v2) or v2-bss (also BYTE_STREAM_SPLIT doubles); all read by DuckDB and Athena/Trino.");
        d.put("sink.poll.timeout.ms", "Longest wait of one consumer poll.");
        d.put("sink.retry.backoff.initial.ms", "First delay after a failed batch upload (doubles, with jitter).");
        d.put("sink.retry.backoff.max.ms", "Longest delay between batch upload attempts.");
        d.put("sink.stall.after.ms", "A closed batch not committed for this long (store or catalog failing) makes the "
                + "sink STALLED and /health/ready 503.");
        d.put("sink.announced.partitions.max", "Partition paths remembered as registered in the catalog (LRU).");
        d.put("sink.s3.region", "S3 region (flag --s3-region; default: the AWS default chain).");
        d.put("sink.s3.endpoint", "S3 endpoint override for S3-compatible servers (flag --s3-endpoint).");
        d.put("sink.s3.path.style", "Path-style S3 addressing (flag --s3-path-style).");
        d.put("sink.s3.multipart.threshold.bytes", "Files larger than this are uploaded in parts.");
        d.put("sink.s3.multipart.part.bytes", "Part size of multipart uploads (>= 5 MiB).");
        d.put("sink.s3.sse", "Server-side encryption: none, s3 (SSE-S3) or kms (SSE-KMS).");
        d.put("sink.s3.sse.kms.key.id", "KMS key for sse=kms (default: the AWS managed key).");
        d.put("sink.s3.max.attempts", "Attempts of one S3 request by the SDK.");
        d.put("sink.s3.retry.backoff.initial.ms", "First SDK retry delay.");
        d.put("sink.s3.retry.backoff.max.ms", "Longest SDK retry delay.");
        d.put("sink.s3.api.call.timeout.ms", "Timeout of one S3 call, retries included.");
        return d;
    }
}
