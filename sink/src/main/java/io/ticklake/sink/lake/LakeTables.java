package io.ticklake.sink.lake;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The topic → table mapping: by default {@code ticks-enriched → ticks} and {@code ohlc-<size> →
 * ohlc_<size>} for each window size; configurable as {@code topic=table,topic=table}.
 */
public final class LakeTables {
    /** Topic of enriched ticks. */
    public static final String TICKS_TOPIC = "ticks-enriched";
    /** Table of enriched ticks. */
    public static final String TICKS_TABLE = "ticks";
    /** The default OHLC window sizes. */
    public static final List<String> DEFAULT_WINDOWS = List.of("1m", "1d");

    private final Map<String, LakeTable> byTopic;

    private LakeTables(final Map<String, LakeTable> byTopic) {
        if (byTopic.isEmpty()) {
            throw new IllegalArgumentException("no topic is mapped to a lake table");
        }
        final Map<String, String> tableToTopic = new LinkedHashMap<>();
        for (LakeTable t : byTopic.values()) {
            final String other = tableToTopic.putIfAbsent(t.name(), t.topic());
            if (other != null) {
                throw new IllegalArgumentException("table " + t.name() + " is fed by two topics: " + other
                        + " and " + t.topic());
            }
        }
        this.byTopic = Map.copyOf(byTopic);
    }

    /** {@code ticks-enriched → ticks} and {@code ohlc-1m → ohlc_1m}, {@code ohlc-1d → ohlc_1d}. */
    public static LakeTables defaults() {
        return forWindows(DEFAULT_WINDOWS);
    }

    /** {@code ticks-enriched → ticks} and {@code ohlc-<w> → ohlc_<w>} for each window size {@code w}. */
    public static LakeTables forWindows(final Collection<String> windows) {
        final Map<String, LakeTable> m = new LinkedHashMap<>();
        m.put(TICKS_TOPIC, LakeTable.of(TICKS_TOPIC, TICKS_TABLE));
        for (String w : windows) {
            final String size = w.trim().toLowerCase(Locale.ROOT);
            m.put("ohlc-" + size, LakeTable.of("ohlc-" + size, "ohlc_" + size));
        }
        return new LakeTables(m);
    }

    /**
     * Parses {@code topic=table[,topic=table…]}.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static LakeTables parse(final String mapping) {
        final Map<String, LakeTable> m = new LinkedHashMap<>();
        for (String entry : mapping.split(",")) {
            final String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            final int eq = e.indexOf('=');
            if (eq <= 0 || eq == e.length() - 1) {
                throw new IllegalArgumentException("table mapping entry must be topic=table: " + e);
            }
            final String topic = e.substring(0, eq).trim();
            if (m.put(topic, LakeTable.of(topic, e.substring(eq + 1).trim())) != null) {
                throw new IllegalArgumentException("topic mapped twice: " + topic);
            }
        }
        return new LakeTables(m);
    }

    /** The table fed by {@code topic}, if any. */
    public Optional<LakeTable> forTopic(final String topic) {
        return Optional.ofNullable(byTopic.get(topic));
    }

    /** The table named {@code name}, if any. */
    public Optional<LakeTable> byName(final String name) {
        return byTopic.values().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The source topics, sorted. */
    public List<String> topics() {
        return byTopic.keySet().stream().sorted().toList();
    }

    /** All tables, sorted by name. */
    public List<LakeTable> tables() {
        return byTopic.values().stream().sorted(java.util.Comparator.comparing(LakeTable::name)).toList();
    }

    /** {@code topic=table,…} (the form {@link #parse} reads). */
    @Override
    public String toString() {
        return String.join(",", tables().stream().map(t -> t.topic() + "=" + t.name()).toList());
    }
}
