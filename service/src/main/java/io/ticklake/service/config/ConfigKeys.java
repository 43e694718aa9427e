package io.ticklake.service.config;

import io.ticklake.sink.SinkConfig;
import io.ticklake.topology.TopologyConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Every configuration key ticklake reads: the service's {@link ConfigDef} composed with the
 * topology's and the sink's, the single source of the README's configuration reference (a test
 * keeps the two equal). Besides these, {@code kafka.*}
 * keys go to every Kafka client and {@code streams.*} keys to Kafka Streams.
 */
public final class ConfigKeys {
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String APPLICATION_ID = "application.id";
    public static final String STATE_DIR = "state.dir";
    public static final String HTTP_HOST = "http.host";
    public static final String HTTP_PORT = "http.port";
    public static final String HTTP_ADVERTISED_HOST = "http.advertised.host";
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
    public static final String ROLLUP_REFRESH_INTERVAL_MS = "rollup.refresh.interval.ms";
    public static final String COMPACTION_ENABLED = "compaction.enabled";
    public static final String COMPACTION_INTERVAL_MS = "compaction.interval.ms";
    public static final String COMPACTION_GRACE_MS = "compaction.grace.ms";
    public static final String COMPACTION_TARGET_BYTES = "compaction.target.bytes";

    /** Passed to every Kafka client (producer, consumer, admin, Streams), without the prefix. */
    public static final String KAFKA_PREFIX = "kafka.";
    /** Passed to Kafka Streams, without the prefix. */
    public static final String STREAMS_PREFIX = "streams.";

    /**
     * The service's own keys with their type, default, validator and meaning; with
     * {@link TopologyConfig#DEF} and {@link SinkConfig#DEF} the whole configuration, each key
     * declared once.
     */
    public static final ConfigDef DEF = new ConfigDef()
            .define(BOOTSTRAP_SERVERS, Type.STRING, null, Importance.HIGH,
                    "Kafka bootstrap servers, host:port[,host:port] (run, replay).")
            .define(APPLICATION_ID, Type.STRING, "ticklake", ConfigKeys::applicationIdValid, Importance.HIGH,
                    "Kafka Streams application id ([A-Za-z0-9._-]{1,200}); the sink's consumer group is this id "
                    + "followed by -sink.")
            .define(STATE_DIR, Type.STRING, null, Importance.HIGH,
                    "Kafka Streams state directory (default: <tmp>/ticklake-state).")
            .define(HTTP_HOST, Type.STRING, "0.0.0.0", Importance.MEDIUM, "Address the admin HTTP server (health, "
                    + "metrics; no auth) binds to: all interfaces so that container probes reach it; 127.0.0.1 keeps "
                    + "it local (demo does).")
            .define(HTTP_PORT, Type.INT, 8080, Range.between(0, 65_535), Importance.MEDIUM,
                    "Port of the admin HTTP server; 0 picks a free port (printed).")
            .define(HTTP_ADVERTISED_HOST, Type.STRING, null, ConfigKeys::hostValid, Importance.MEDIUM,
                    "Host the other instances reach this one's admin HTTP server at: with the bound port it is Kafka "
                    + "Streams' application.server (streams.application.server, if set, wins), through which each "
                    + "instance's page shows every instance's live bars. Default: http.host, or this machine's host "
                    + "name when http.host is 0.0.0.0 or ::.")
            .define(PROCESSING_GUARANTEE, Type.STRING, StreamsConfig.EXACTLY_ONCE_V2,
                    ConfigDef.CaseInsensitiveValidString.in(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE), Importance.HIGH,
                    "exactly_once_v2 or at_least_once.")
            .define(STREAMS_THREADS, Type.INT, 1, Range.atLeast(1), Importance.MEDIUM,
                    "Kafka Streams threads (any other streams.* key is passed too).")
            .define(CLOSE_TIMEOUT_MS, Type.LONG, 30_000L, Range.atLeast(1), Importance.MEDIUM,
                    "How long a graceful stop may take for Streams and for the sink.")
            .define(STARTUP_BROKER_TIMEOUT_MS, Type.LONG, Long.parseLong(DEFAULT_STARTUP_BROKER_TIMEOUT_MS),
                    Range.atLeast(1), Importance.MEDIUM, "How long run and replay wait at start for Kafka to answer "
                    + "before failing in one line (replay: this variable or --broker-timeout-ms).")
            .define(TOPICS_CREATE, Type.BOOLEAN, true, Importance.MEDIUM, "Create missing topics at start.")
            .define(TOPICS_PARTITIONS, Type.INT, 6, Range.atLeast(1), Importance.MEDIUM,
                    "Partitions of topics ticklake creates.")
            .define(TOPICS_REPLICATION, Type.INT, -1, ConfigKeys::replicationValid, Importance.MEDIUM,
                    "Replication factor of topics ticklake creates; -1 = broker default.")
            .define(GLUE_DATABASE, Type.STRING, null, Importance.MEDIUM, "Glue database to register tables and "
                    + "partitions in (lake on s3:// only); none: no catalog.")
            .define(GLUE_REGION, Type.STRING, null, Importance.LOW,
                    "Glue region (default: the AWS default chain, else sink.s3.region).")
            .define(GLUE_ENDPOINT, Type.STRING, null, Importance.LOW, "Glue endpoint override (tests, moto_server).")
            .define(ROLLUP_REFRESH_INTERVAL_MS, Type.LONG, 5_000L, Range.atLeast(0), Importance.MEDIUM,
                    "How often run and demo refresh the rollup tables of a local lake (DuckDB) for the index-days "
                    + "that landed since the last refresh: those days' rows and the days that read them are "
                    + "recomputed and swapped in per partition; 0 = off. A lake on s3:// is not refreshed (rollup "
                    + "rebuilds it with Athena).")
            .define(COMPACTION_ENABLED, Type.BOOLEAN, false, Importance.MEDIUM, "Compact closed partitions in the "
                    + "service: every compaction.interval.ms, the files of each partition whose date ended more than "
                    + "compaction.grace.ms ago and that the sink has committed past are merged (README, Compaction).")
            .define(COMPACTION_INTERVAL_MS, Type.LONG, 3_600_000L, Range.atLeast(1_000), Importance.LOW,
                    "How often the in-service compaction runs (the first run one interval after the start).")
            .define(COMPACTION_GRACE_MS, Type.LONG, 86_400_000L, Range.atLeast(0), Importance.LOW,
                    "How long after the end of a partition's date (UTC) it counts as closed for compaction.")
            .define(COMPACTION_TARGET_BYTES, Type.LONG, 32L * 1024 * 1024, Range.between(1, 1L << 30), Importance.LOW,
                    "Largest compacted file made of several inputs (an input is never split); a run holds up to "
                    + "about three times this in heap (inputs, output, its check), hence below the CLI's 128MiB.");

    /** The declarations in reference order: service, topology, sink. */
    public static final List<ConfigDef> DEFS = List.of(DEF, TopologyConfig.DEF, SinkConfig.DEF);

    private static final List<ConfigKey> ALL = build();

    private ConfigKeys() {
    }

    /** Every documented key in reference order: service, topology (with a grace row per default window), sink. */
    public static List<ConfigKey> all() {
        return ALL;
    }

    private static List<ConfigKey> build() {
        final List<ConfigKey> keys = new ArrayList<>();
        for (final ConfigDef def : DEFS) {
            for (final ConfigDef.ConfigKey k : def.configKeys().values()) {
                keys.add(ConfigKey.of(k));
                if (k.name.equals(TopologyConfig.WINDOWS)) {
                    keys.addAll(graceRows());
                }
            }
        }
        return Collections.unmodifiableList(keys);
    }

    /** {@code topology.window.<size>.grace.ms} is a pattern: documented by its rows for the default windows. */
    private static List<ConfigKey> graceRows() {
        final TopologyConfig d = TopologyConfig.defaults();
        return d.windows().stream().map(w -> new ConfigKey(TopologyConfig.graceKey(w.name()), "long",
                String.valueOf(w.graceMs()), "Grace of the " + w.name() + " window: how late a tick may come "
                + "(topology.window.<size>.grace.ms for any size; default " + TopologyConfig.DEFAULT_GRACE.toMillis()
                + ", " + TopologyConfig.DEFAULT_DAILY_GRACE.toMillis() + " for daily and longer windows).")).toList();
    }

    /** Whether {@code name} is a documented key (or a window's grace key). */
    public static boolean isKnown(final String name) {
        return DEFS.stream().anyMatch(d -> d.names().contains(name)) || TopologyConfig.isGraceKey(name);
    }

    /** The documented default of {@code key} as text, or null. */
    public static String defaultOf(final String key) {
        return all().stream().filter(k -> k.name().equals(key)).findFirst().map(ConfigKey::defaultValue).orElse(null);
    }

    private static void applicationIdValid(final String name, final Object value) {
        if (value == null || !value.toString().matches("[A-Za-z0-9._-]{1,200}")) {
            throw new org.apache.kafka.common.config.ConfigException(name, value, "must match [A-Za-z0-9._-]{1,200}");
        }
    }

    /** A host name, an IPv4 address or an IPv6 literal (with or without brackets): nothing that changes a URL. */
    private static void hostValid(final String name, final Object value) {
        if (value == null || value.toString().isBlank()) {
            return;
        }
        final String host = value.toString().strip();
        if (!host.matches("[A-Za-z0-9._-]{1,253}") && !isIpv6Literal(host)) {
            throw new org.apache.kafka.common.config.ConfigException(name, value, "must be a host name or an IP address");
        }
    }

    private static boolean isIpv6Literal(final String host) {
        final String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!bare.matches("[0-9A-Fa-f:.]{2,45}")) {
            return false;
        }
        try {
            return java.net.InetAddress.getByName(bare) instanceof java.net.Inet6Address;   // a literal: no lookup
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static void replicationValid(final String name, final Object value) {
        final int rf = (Integer) value;
        if (rf == 0 || rf < -1 || rf > Short.MAX_VALUE) {
            throw new org.apache.kafka.common.config.ConfigException(name, value, "must be >= 1 or -1");
        }
    }
}
