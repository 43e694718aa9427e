package io.ticklake.service.config;

import io.ticklake.data.config.DeclaredConfig;
import io.ticklake.sink.SinkConfig;
import io.ticklake.sink.store.LakeRoot;
import io.ticklake.topology.TopologyConfig;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole configuration of a ticklake process, immutable and validated when built.
 *
 * <p>Precedence, highest first: flags, environment ({@code TICKLAKE_SINK_ROLL_MAX_RECORDS} sets
 * {@code sink.roll.max.records}; {@code KAFKA_MAX_POLL_RECORDS} sets {@code kafka.max.poll.records},
 * passed to every Kafka client as {@code max.poll.records}), the {@code --config} properties file,
 * defaults ({@link ConfigKeys}). An unknown key in a file or a flag is an error (a typo must not fall
 * back to a default silently); unknown {@code TICKLAKE_*} variables are ignored with a warning.
 * Every error is one line naming the key ({@link ConfigException}).
 */
public final class AppConfig {
    public static final String ENV_PREFIX = "TICKLAKE_";
    private static final Logger LOG = LoggerFactory.getLogger(AppConfig.class);
    private static final Set<String> CLIENT_KEYS = clientKeys();
    private static final Set<String> ENV_IGNORED = Set.of("TICKLAKE_LOG_LEVEL");

    private final Map<String, String> values;
    private final DeclaredConfig own;
    private final TopologyConfig topology;
    private final SinkConfig sink;

    private AppConfig(final Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.own = wrap(() -> DeclaredConfig.parse(ConfigKeys.DEF, this.values));
        this.topology = wrap(() -> TopologyConfig.fromMap(this.values));
        this.sink = wrap(() -> SinkConfig.from(this.values, LakeTopics.tablesOf(topology)));
        if (this.values.get(SinkConfig.TABLES) != null && !this.values.get(SinkConfig.TABLES).isBlank()) {
            LakeTopics.check(topology, sink.tables());
        }
        values.forEach(ClientSettings::check);
    }

    /**
     * Builds the configuration from its sources.
     *
     * @param flags      values set by command-line flags (dotted keys)
     * @param env        the environment ({@link System#getenv()})
     * @param configFile a properties file, or null
     * @throws ConfigException one line naming the key or the file
     */
    public static AppConfig load(final Map<String, String> flags, final Map<String, String> env, final Path configFile) {
        final Map<String, String> merged = new LinkedHashMap<>();
        if (configFile != null) {
            merged.putAll(checked(readFile(configFile), "in " + configFile));
        }
        merged.putAll(fromEnv(env));
        merged.putAll(checked(flags, "in flags"));
        merged.values().removeIf(v -> v == null);
        return new AppConfig(merged);
    }

    /** Defaults overridden by {@code values} (tests, demo). */
    public static AppConfig of(final Map<String, String> values) {
        return new AppConfig(checked(values, "in settings"));
    }

    /** The keys set by {@code env}: {@code TICKLAKE_*} mapped to known keys, {@code KAFKA_*} to {@code kafka.*}. */
    static Map<String, String> fromEnv(final Map<String, String> env) {
        final Map<String, String> out = new TreeMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && !ENV_IGNORED.contains(name)) {
                final String key = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
                if (isKnown(key)) {
                    out.put(key, value);
                } else {
                    LOG.warn("Ignoring environment variable {}: {} is not a ticklake config key", name, key);
                }
            }
        });
        KafkaEnv.clientSettings(env).forEach((key, value) -> {
            if (CLIENT_KEYS.contains(key)) {
                out.put(ConfigKeys.KAFKA_PREFIX + key, value);
            } else {
                LOG.warn("Ignoring a KAFKA_ environment variable: {} is not a Kafka client setting", key);
            }
        });
        return out;
    }

    private static Map<String, String> readFile(final Path file) {
        final Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read config file " + file + ": " + reason(e), e);
        }
        final Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k.strip(), p.getProperty(k).strip()));
        return out;
    }

    /** Why a file cannot be read, without repeating its path (the message of most file-system exceptions). */
    private static String reason(final Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        if (e instanceof FileSystemException || e.getMessage() == null) {
            return e.getClass().getSimpleName();
        }
        return e.getMessage();
    }

    private static Map<String, String> checked(final Map<String, String> values, final String where) {
        values.keySet().forEach(key -> {
            if (!isKnown(key)) {
                throw new ConfigException("unknown config key " + key + " " + where);
            }
        });
        return values;
    }

    /** A documented key, a Kafka client key under {@code kafka.}, or a Streams key under {@code streams.}. */
    static boolean isKnown(final String key) {
        if (ConfigKeys.isKnown(key)) {
            return true;
        }
        if (key.startsWith(ConfigKeys.KAFKA_PREFIX)) {
            return CLIENT_KEYS.contains(key.substring(ConfigKeys.KAFKA_PREFIX.length()));
        }
        return key.startsWith(ConfigKeys.STREAMS_PREFIX)
                && CLIENT_KEYS.contains(key.substring(ConfigKeys.STREAMS_PREFIX.length()));
    }

    private static Set<String> clientKeys() {
        final Set<String> keys = new HashSet<>();
        keys.addAll(ProducerConfig.configNames());
        keys.addAll(ConsumerConfig.configNames());
        keys.addAll(AdminClientConfig.configNames());
        keys.addAll(StreamsConfig.configDef().names());
        return Set.copyOf(keys);
    }

    /** Fails unless the keys a service needs are set (bootstrap servers and a lake). */
    public AppConfig requireService() {
        if (get(ConfigKeys.BOOTSTRAP_SERVERS) == null) {
            throw new ConfigException(ConfigKeys.BOOTSTRAP_SERVERS + " is required (--bootstrap-servers or "
                    + "TICKLAKE_BOOTSTRAP_SERVERS)");
        }
        if (sink.lake() == null) {
            throw new ConfigException(ConfigKeys.SINK_LAKE + " is required (--lake s3://bucket/prefix or a directory)");
        }
        return this;
    }

    /** The effective value of {@code key}: set, else its documented default, else null. */
    public String get(final String key) {
        final String v = values.get(key);
        if (v != null && !v.isBlank()) {
            return v.strip();
        }
        return ConfigKeys.defaultOf(key);
    }

    public String bootstrapServers() {
        return get(ConfigKeys.BOOTSTRAP_SERVERS);
    }

    public String applicationId() {
        return get(ConfigKeys.APPLICATION_ID);
    }

    /** The sink's consumer group: {@code <application.id>-sink}. */
    public String sinkGroupId() {
        return applicationId() + "-sink";
    }

    public Path stateDir() {
        final String v = values.get(ConfigKeys.STATE_DIR);
        return v == null || v.isBlank() ? Path.of(System.getProperty("java.io.tmpdir"), "ticklake-state") : Path.of(v);
    }

    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0");

    public String httpHost() {
        return get(ConfigKeys.HTTP_HOST);
    }

    public int httpPort() {
        return own.intValue(ConfigKeys.HTTP_PORT);
    }

    /**
     * The host the other instances reach this one's admin server at ({@link ConfigKeys#HTTP_ADVERTISED_HOST}):
     * as configured; else {@link #httpHost()} unless it is a wildcard address, then this machine's host name
     * (the loopback address when the name cannot be found).
     */
    public String httpAdvertisedHost() {
        final String set = values.get(ConfigKeys.HTTP_ADVERTISED_HOST);
        if (set != null && !set.isBlank()) {
            return set.strip();
        }
        final String bind = httpHost();
        if (!WILDCARDS.contains(bind)) {
            return bind;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress().getHostAddress();
        }
    }

    public String processingGuarantee() {
        return own.string(ConfigKeys.PROCESSING_GUARANTEE).toLowerCase(Locale.ROOT);
    }

    public long closeTimeoutMs() {
        return own.longValue(ConfigKeys.CLOSE_TIMEOUT_MS);
    }

    /** How long a start waits for Kafka's first answer ({@link ConfigKeys#STARTUP_BROKER_TIMEOUT_MS}). */
    public Duration startupBrokerTimeout() {
        return Duration.ofMillis(own.longValue(ConfigKeys.STARTUP_BROKER_TIMEOUT_MS));
    }

    public boolean createTopics() {
        return own.bool(ConfigKeys.TOPICS_CREATE);
    }

    public int topicPartitions() {
        return own.intValue(ConfigKeys.TOPICS_PARTITIONS);
    }

    /** Replication of created topics; empty = broker default. */
    public Optional<Short> replicationFactor() {
        final int rf = own.intValue(ConfigKeys.TOPICS_REPLICATION);
        return rf < 0 ? Optional.empty() : Optional.of((short) rf);
    }

    public TopologyConfig topology() {
        return topology;
    }

    public SinkConfig sink() {
        return sink;
    }

    public Optional<LakeRoot> lake() {
        return Optional.ofNullable(sink.lake());
    }

    /** How often the rollups of a local lake are refreshed; zero: never ({@link ConfigKeys#ROLLUP_REFRESH_INTERVAL_MS}). */
    public Duration rollupRefreshInterval() {
        return Duration.ofMillis(own.longValue(ConfigKeys.ROLLUP_REFRESH_INTERVAL_MS));
    }

    /** The in-service compaction's settings ({@code compaction.*}). */
    public CompactionSettings compaction() {
        return new CompactionSettings(own.bool(ConfigKeys.COMPACTION_ENABLED),
                Duration.ofMillis(own.longValue(ConfigKeys.COMPACTION_INTERVAL_MS)),
                Duration.ofMillis(own.longValue(ConfigKeys.COMPACTION_GRACE_MS)),
                own.longValue(ConfigKeys.COMPACTION_TARGET_BYTES));
    }

    public Optional<String> glueDatabase() {
        return Optional.ofNullable(get(ConfigKeys.GLUE_DATABASE));
    }

    public Optional<String> glueRegion() {
        return Optional.ofNullable(get(ConfigKeys.GLUE_REGION)).or(() -> Optional.ofNullable(sink.s3().region()));
    }

    public Optional<String> glueEndpoint() {
        return Optional.ofNullable(get(ConfigKeys.GLUE_ENDPOINT));
    }

    /** Settings for every Kafka client: {@code kafka.*} (prefix removed) and bootstrap servers. */
    public Map<String, Object> clientProps() {
        final Map<String, Object> props = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(ConfigKeys.KAFKA_PREFIX)) {
                props.put(k.substring(ConfigKeys.KAFKA_PREFIX.length()), v);
            }
        });
        if (bootstrapServers() != null) {
            props.put(CommonKeys.BOOTSTRAP, bootstrapServers());
        }
        return props;
    }

    /**
     * Kafka Streams settings: the topology's defaults, then {@code kafka.*}, then {@code streams.*},
     * then application id, state dir and processing guarantee.
     */
    public Properties streamsProps() {
        final Properties p = TopologyConfig.streamsDefaults();
        // the topology has no global state; opting in now is what Kafka 5 will do (and silences a warning)
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        p.putAll(clientProps());
        values.forEach((k, v) -> {
            if (k.startsWith(ConfigKeys.STREAMS_PREFIX)) {
                p.put(k.substring(ConfigKeys.STREAMS_PREFIX.length()), v);
            }
        });
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId());
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir().toAbsolutePath().toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, String.valueOf(own.intValue(ConfigKeys.STREAMS_THREADS)));
        return p;
    }

    /** Settings of the sink's consumer: client settings, group {@link #sinkGroupId()}, read_committed. */
    public Map<String, Object> sinkConsumerProps() {
        final Map<String, Object> p = new TreeMap<>(clientProps());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, sinkGroupId());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, sinkGroupId());
        return p;
    }

    /** The topics the service reads and writes. */
    public List<String> topics() {
        final List<String> topics = new java.util.ArrayList<>(List.of(topology.rawTopic(), topology.enrichedTopic(),
                topology.dlqTopic(), topology.lateTopic()));
        topology.windows().forEach(w -> topics.add(topology.barTopic(w)));
        return topics;
    }

    /** Every set value, secrets masked: safe to log. */
    public Map<String, String> describe() {
        final Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, Secrets.isSecret(k) ? "****" : v));
        return out;
    }

    private static <T> T wrap(final java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException | java.io.UncheckedIOException
                 | org.apache.kafka.common.config.ConfigException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    /** Key names shared with Kafka. */
    private static final class CommonKeys {
        static final String BOOTSTRAP = "bootstrap.servers";
    }
}
