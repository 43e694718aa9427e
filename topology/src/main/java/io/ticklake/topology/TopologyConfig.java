package io.ticklake.topology;

import io.ticklake.data.ReferenceData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import io.ticklake.data.config.DeclaredConfig;
import io.ticklake.data.config.DefaultWindows;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
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
        return Defaults.VALUE;
    }

    /** Built on first use: after {@link #DEF} exists. */
    private static final class Defaults {
        static final TopologyConfig VALUE = fromMap(Map.of());
    }

    /**
     * Every {@code topology.*} key with its type, default, validator and meaning: the one declaration
     * the reader below and the configuration reference use. A window's grace is the pattern key
     * {@link #WINDOW_GRACE_FORMAT}, read per configured size.
     */
    public static final ConfigDef DEF = new ConfigDef()
            .define(RAW_TOPIC, Type.STRING, "ticks-raw", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Input topic of raw ticks.")
            .define(ENRICHED_TOPIC, Type.STRING, "ticks-enriched", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Topic of enriched ticks.")
            .define(DLQ_TOPIC, Type.STRING, "ticks-dlq", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Dead-letter topic (original bytes, reason in headers).")
            .define(LATE_TOPIC, Type.STRING, "ticks-late", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Ticks later than their window's grace.")
            .define(BAR_TOPIC_PREFIX, Type.STRING, "ohlc-", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Bars of a window go to this prefix + the window size (ohlc-1m).")
            .define(WINDOWS, Type.LIST, DefaultWindows.SIZES, TopologyConfig::nonEmptyList, Importance.HIGH,
                    "OHLC window sizes (tumbling, epoch-aligned UTC; s, m, h or d); the lake gets a table "
                    + "ohlc_<size> for each unless sink.tables says otherwise.")
            .define(STRICT_UNKNOWN_INDEX, Type.BOOLEAN, false, Importance.MEDIUM, "Dead-letter ticks of indices "
                    + "missing from the reference data (else processed with null enrichment).")
            .define(MAX_FUTURE_MS, Type.LONG, DEFAULT_MAX_FUTURE_MS, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "A tick this far ahead of the wall clock is a dead letter.")
            .define(IDLE_CLOSE_MS, Type.LONG, 0L, ConfigDef.Range.atLeast(0), Importance.MEDIUM, "Close an index's "
                    + "windows after this much wall-clock silence (live feeds); 0 = off.")
            .define(REFERENCE_FILE, Type.STRING, null, Importance.LOW, "Reference data CSV replacing the built-in one.")
            .define(MAX_INDICES, Type.INT, DEFAULT_MAX_INDICES, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Distinct indices one task (input partition) keeps state for; ticks of further indices "
                    + "are dead letters (too-many-indices).");

    /**
     * Reads the {@code topology.*} keys of {@code props} ({@link #DEF}); missing keys keep their defaults.
     *
     * @throws IllegalArgumentException naming the key when a value is invalid
     */
    public static TopologyConfig fromMap(final Map<String, String> props) {
        final DeclaredConfig c = DeclaredConfig.parse(DEF, props);
        final List<WindowSpec> windows = new ArrayList<>();
        for (final String name : c.list(WINDOWS)) {
            final String size = name.strip().toLowerCase(Locale.ROOT);
            final WindowSpec probe = wrap(WINDOWS, () -> WindowSpec.of(size, Duration.ZERO));
            final String graceKey = graceKey(size);
            final long graceMs = graceMs(props.get(graceKey), graceKey, defaultGrace(probe));
            windows.add(wrap(graceKey, () -> WindowSpec.of(size, Duration.ofMillis(graceMs))));
        }
        final String refFile = c.string(REFERENCE_FILE);
        final ReferenceData ref = refFile == null ? ReferenceData.builtIn() : ReferenceData.fromFile(Path.of(refFile));
        return wrap("topology config", () -> new TopologyConfig(c.string(RAW_TOPIC), c.string(ENRICHED_TOPIC),
                c.string(DLQ_TOPIC), c.string(LATE_TOPIC), c.string(BAR_TOPIC_PREFIX), windows,
                c.bool(STRICT_UNKNOWN_INDEX), c.longValue(MAX_FUTURE_MS), c.longValue(IDLE_CLOSE_MS), ref,
                c.intValue(MAX_INDICES)));
    }

    /** {@code topology.window.<size>.grace.ms} of {@code size}. */
    public static String graceKey(final String size) {
        return String.format(Locale.ROOT, WINDOW_GRACE_FORMAT, size);
    }

    /** Whether {@code key} is a window's grace key ({@link #WINDOW_GRACE_FORMAT}). */
    public static boolean isGraceKey(final String key) {
        return key.matches("topology\\.window\\.[0-9]+[smhd]\\.grace\\.ms");
    }

    /** The grace of a window unless configured: {@link #DEFAULT_DAILY_GRACE} for daily and longer windows. */
    public static Duration defaultGrace(final WindowSpec window) {
        return window.daily() ? DEFAULT_DAILY_GRACE : DEFAULT_GRACE;
    }

    private static long graceMs(final String value, final String key, final Duration dflt) {
        if (value == null || value.isBlank()) {
            return dflt.toMillis();
        }
        final long ms = (Long) DeclaredConfig.parseValue(key, value, Type.LONG);
        if (ms < 0) {
            throw new IllegalArgumentException("Invalid value " + ms + " for configuration " + key
                    + ": Value must be at least 0");
        }
        return ms;
    }

    private static void nonEmptyList(final String name, final Object value) {
        if (value instanceof List<?> l && l.stream().allMatch(v -> String.valueOf(v).isBlank())) {
            throw new ConfigException(name, value, "at least one window is required");
        }
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

    private static <T> T wrap(final String key, final java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().startsWith("topology.") ? e
                    : new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }
}
