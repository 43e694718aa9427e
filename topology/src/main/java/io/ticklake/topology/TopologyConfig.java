package io.ticklake.topology;

import io.ticklake.data.ReferenceData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Typed, immutable configuration of {@link TickTopology}. Start from {@link #defaults()} and
 * change it with the {@code with…} methods, or read the dotted keys with {@link #fromMap(Map)}.
 *
 * @param rawTopic           input topic ({@code ticks-raw})
 * @param enrichedTopic      enriched ticks ({@code ticks-enriched})
 * @param dlqTopic           dead letters ({@code ticks-dlq})
 * @param lateTopic          ticks too late for a window ({@code ticks-late})
 * @param barTopicPrefix     bars of window {@code w} go to {@code prefix + w.name()} ({@code ohlc-1m})
 * @param windows            window sizes with their grace, distinct names, at least one
 * @param strictUnknownIndex when true an index missing from the reference data is a dead letter
 * @param maxFutureMs        a tick or watermark more than this ahead of the wall clock is a dead letter
 * @param idleCloseMs        &gt; 0: an index with no tick for this long (wall clock) has its windows
 *                           closed up to the wall clock (live mode); 0: off
 * @param referenceData      exchanges, zones and USD rates
 * @param maxIndices         how many distinct indices one task (input partition) keeps state for; a
 *                           tick of a further index is a dead letter ({@code too-many-indices})
 */
public record TopologyConfig(String rawTopic, String enrichedTopic, String dlqTopic, String lateTopic,
                             String barTopicPrefix, List<WindowSpec> windows, boolean strictUnknownIndex,
                             long maxFutureMs, long idleCloseMs, ReferenceData referenceData, int maxIndices) {
    public static final String RAW_TOPIC = "topology.topic.raw";
    public static final String ENRICHED_TOPIC = "topology.topic.enriched";
    public static final String DLQ_TOPIC = "topology.topic.dlq";
    public static final String LATE_TOPIC = "topology.topic.late";
    public static final String BAR_TOPIC_PREFIX = "topology.topic.ohlc.prefix";
    /** Comma-separated window sizes, e.g. {@code 1m,1d}. */
    public static final String WINDOWS = "topology.windows";
    /** {@code topology.window.<size>.grace.ms}, e.g. {@code topology.window.1m.grace.ms}. */
    public static final String WINDOW_GRACE_FORMAT = "topology.window.%s.grace.ms";
    public static final String STRICT_UNKNOWN_INDEX = "topology.strict.unknown.index";
    public static final String MAX_FUTURE_MS = "topology.max.future.ms";
    public static final String IDLE_CLOSE_MS = "topology.idle.close.ms";
    /** Optional reference data CSV overriding the built-in one. */
    public static final String REFERENCE_FILE = "topology.reference.file";
    /** Distinct indices with state per task; further indices are dead letters. */
    public static final String MAX_INDICES = "topology.max.indices";

    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_DAILY_GRACE = Duration.ofMinutes(10);
    public static final long DEFAULT_MAX_FUTURE_MS = Duration.ofDays(1).toMillis();
    /** 14 reference indices leave room for many more, while 1000 × ~1.5 KB of state stays small. */
    public static final int DEFAULT_MAX_INDICES = 1000;

    public TopologyConfig {
        for (final String t : new String[] {rawTopic, enrichedTopic, dlqTopic, lateTopic, barTopicPrefix}) {
            if (t == null || t.isBlank()) {
                throw new IllegalArgumentException("topic names must not be blank");
            }
        }
        windows = List.copyOf(Objects.requireNonNull(windows, "windows"));
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("at least one window is required");
        }
        final Set<String> names = new HashSet<>();
        for (final WindowSpec w : windows) {
            if (!names.add(w.name())) {
                throw new IllegalArgumentException("duplicate window " + w.name());
            }
        }
        if (maxFutureMs < 0) {
            throw new IllegalArgumentException(MAX_FUTURE_MS + " must be >= 0: " + maxFutureMs);
        }
        if (idleCloseMs < 0) {
            throw new IllegalArgumentException(IDLE_CLOSE_MS + " must be >= 0: " + idleCloseMs);
        }
        Objects.requireNonNull(referenceData, "referenceData");
        if (maxIndices < 1) {
            throw new IllegalArgumentException(MAX_INDICES + " must be >= 1: " + maxIndices);
        }
    }

    /** The shared topic names, windows 1m (grace 30 s) and 1d (grace 10 min), lenient, idle close off. */
    public static TopologyConfig defaults() {
        return new TopologyConfig("ticks-raw", "ticks-enriched", "ticks-dlq", "ticks-late", "ohlc-",
                List.of(WindowSpec.of("1m", DEFAULT_GRACE), WindowSpec.of("1d", DEFAULT_DAILY_GRACE)),
                false, DEFAULT_MAX_FUTURE_MS, 0, ReferenceData.builtIn(), DEFAULT_MAX_INDICES);
    }

    /**
     * Reads the {@code topology.*} keys of {@code props}; missing keys keep their defaults.
     *
     * @throws IllegalArgumentException naming the key when a value is invalid
     */
    public static TopologyConfig fromMap(final Map<String, String> props) {
        final TopologyConfig d = defaults();
        final List<WindowSpec> windows = new ArrayList<>();
        for (final String name : props.getOrDefault(WINDOWS, "1m,1d").split(",")) {
            if (name.isBlank()) {
                continue;
            }
            final String size = name.strip().toLowerCase(Locale.ROOT);
            final String graceKey = String.format(Locale.ROOT, WINDOW_GRACE_FORMAT, size);
            final WindowSpec probe = wrap(WINDOWS, () -> WindowSpec.of(size, Duration.ZERO));
            final Duration grace = probe.daily() ? DEFAULT_DAILY_GRACE : DEFAULT_GRACE;
            final long graceMs = longValue(props, graceKey, grace.toMillis());
            windows.add(wrap(graceKey, () -> WindowSpec.of(size, Duration.ofMillis(graceMs))));
        }
        final String refFile = props.get(REFERENCE_FILE);
        final ReferenceData ref = refFile == null || refFile.isBlank() ? d.referenceData()
                : ReferenceData.fromFile(Path.of(refFile.strip()));
        return wrap("topology config", () -> new TopologyConfig(props.getOrDefault(RAW_TOPIC, d.rawTopic()),
                props.getOrDefault(ENRICHED_TOPIC, d.enrichedTopic()), props.getOrDefault(DLQ_TOPIC, d.dlqTopic()),
                props.getOrDefault(LATE_TOPIC, d.lateTopic()), props.getOrDefault(BAR_TOPIC_PREFIX, d.barTopicPrefix()),
                windows, boolValue(props, STRICT_UNKNOWN_INDEX, false),
                longValue(props, MAX_FUTURE_MS, DEFAULT_MAX_FUTURE_MS), longValue(props, IDLE_CLOSE_MS, 0), ref,
                intValue(props, MAX_INDICES, DEFAULT_MAX_INDICES)));
    }

    /**
     * Streams settings this topology is meant to run with ({@code exactly_once_v2}, ingest-time
     * extractor, {@link OversizedCopyHandler}); the app adds
     * bootstrap servers, application id and state dir, and may override any of them.
     */
    public static Properties streamsDefaults() {
        final Properties p = new Properties();
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, IngestTimeExtractor.class.getName());
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, OversizedCopyHandler.class.getName());
        return p;
    }

    /** The topic the bars of {@code window} go to. */
    public String barTopic(final WindowSpec window) {
        return barTopicPrefix + window.name();
    }

    /** The window named {@code name}. */
    public WindowSpec window(final String name) {
        return windows.stream().filter(w -> w.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no window " + name));
    }

    public TopologyConfig withWindows(final List<WindowSpec> w) {
        return new TopologyConfig(rawTopic, enrichedTopic, dlqTopic, lateTopic, barTopicPrefix, w,
                strictUnknownIndex, maxFutureMs, idleCloseMs, referenceData, maxIndices);
    }

    public TopologyConfig withStrictUnknownIndex(final boolean strict) {
        return new TopologyConfig(rawTopic, enrichedTopic, dlqTopic, lateTopic, barTopicPrefix, windows,
                strict, maxFutureMs, idleCloseMs, referenceData, maxIndices);
    }

    public TopologyConfig withMaxFuture(final Duration maxFuture) {
        return new TopologyConfig(rawTopic, enrichedTopic, dlqTopic, lateTopic, barTopicPrefix, windows,
                strictUnknownIndex, maxFuture.toMillis(), idleCloseMs, referenceData, maxIndices);
    }

    public TopologyConfig withIdleClose(final Duration idleClose) {
        return new TopologyConfig(rawTopic, enrichedTopic, dlqTopic, lateTopic, barTopicPrefix, windows,
                strictUnknownIndex, maxFutureMs, idleClose.toMillis(), referenceData, maxIndices);
    }

    public TopologyConfig withReferenceData(final ReferenceData ref) {
        return new TopologyConfig(rawTopic, enrichedTopic, dlqTopic, lateTopic, barTopicPrefix, windows,
                strictUnknownIndex, maxFutureMs, idleCloseMs, ref, maxIndices);
    }

    public TopologyConfig withMaxIndices(final int max) {
        return new TopologyConfig(rawTopic, enrichedTopic, dlqTopic, lateTopic, barTopicPrefix, windows,
                strictUnknownIndex, maxFutureMs, idleCloseMs, referenceData, max);
    }

    private static int intValue(final Map<String, String> props, final String key, final int dflt) {
        final long v = longValue(props, key, dflt);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + " is out of range: " + v);
        }
        return (int) v;
    }

    private static long longValue(final Map<String, String> props, final String key, final long dflt) {
        final String v = props.get(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer: " + v);
        }
    }

    private static boolean boolValue(final Map<String, String> props, final String key, final boolean dflt) {
        final String v = props.get(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false: " + v);
        };
    }

    private static <T> T wrap(final String key, final java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().startsWith("topology.") ? e
                    : new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }
}
