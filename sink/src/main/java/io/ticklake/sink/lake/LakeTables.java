package io.ticklake.sink.lake;

import io.ticklake.data.config.DefaultWindows;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The topic → table mapping: by default {@code ticks-enriched → ticks} and {@code ohlc-<size> →
 * ohlc_<size>} for each window size; configurable as {@code topic=table[:kind],…} where the kind
 * ({@code ticks} or {@code ohlc}) may be left out when the topic or table name starts with it.
 */
public final class LakeTables {
    /** Topic of enriched ticks. */
    public static final String TICKS_TOPIC = "ticks-enriched";
    /** Table of enriched ticks. */
    public static final String TICKS_TABLE = "ticks";

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

    /** The tables of the default windows ({@link DefaultWindows}): {@code ticks}, {@code ohlc_1m}, {@code ohlc_1d}. */
    public static LakeTables defaults() {
        return forWindows(DefaultWindows.list());
    }

    /** {@code ticks-enriched → ticks} and {@code ohlc-<w> → ohlc_<w>} for each window size {@code w}. */
    public static LakeTables forWindows(final Collection<String> windows) {
        return forWindows("ohlc-", windows);
    }

    /**
     * {@code ticks-enriched → ticks} and {@code <barTopicPrefix><w> → ohlc_<w>} for each window size
     * {@code w} (the topology's bar topics), kinds declared rather than guessed from the names.
     */
    public static LakeTables forWindows(final String barTopicPrefix, final Collection<String> windows) {
        return forTopics(TICKS_TOPIC, barTopicPrefix, windows);
    }

    /**
     * {@code enrichedTopic → ticks} and {@code <barTopicPrefix><w> → ohlc_<w>} for each window size
     * {@code w}: the tables of a topology whose topics are renamed.
     */
    public static LakeTables forTopics(final String enrichedTopic, final String barTopicPrefix,
                                       final Collection<String> windows) {
        final Map<String, LakeTable> m = new LinkedHashMap<>();
        m.put(enrichedTopic, new LakeTable(enrichedTopic, TICKS_TABLE, LakeTable.Kind.TICKS));
        for (String w : windows) {
            final String size = w.trim().toLowerCase(Locale.ROOT);
            final String topic = barTopicPrefix + size;
            m.put(topic, new LakeTable(topic, "ohlc_" + size, LakeTable.Kind.OHLC));
        }
        return new LakeTables(m);
    }

    /**
     * Parses {@code topic=table[:kind][,topic=table[:kind]…]}.
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
            final String target = e.substring(eq + 1).trim();
            final int colon = target.indexOf(':');
            final LakeTable table = colon < 0 ? LakeTable.of(topic, target)
                    : new LakeTable(topic, target.substring(0, colon).trim(),
                            LakeTable.Kind.parse(target.substring(colon + 1)));
            if (m.put(topic, table) != null) {
                throw new IllegalArgumentException("topic mapped twice: " + topic);
            }
        }
        return new LakeTables(m);
    }

    /**
     * These tables with the layouts of {@code partitioning}, {@code table=layout[,table=layout…]} (layout
     * {@code index/date}, {@code index/year} or {@code index}); tables not named keep theirs.
     *
     * @throws IllegalArgumentException naming the bad entry or the unknown table
     */
    public LakeTables withPartitioning(final String partitioning) {
        final Map<String, LakeTable> m = new LinkedHashMap<>(byTopic);
        final Map<String, String> seen = new LinkedHashMap<>();
        for (String entry : partitioning.split(",(?=[^,]*=)")) {
            final String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            final int eq = e.indexOf('=');
            if (eq <= 0 || eq == e.length() - 1) {
                throw new IllegalArgumentException("partitioning entry must be table=layout: " + e);
            }
            final String name = e.substring(0, eq).trim();
            final PartitionLayout layout = PartitionLayout.parse(e.substring(eq + 1));
            final LakeTable table = byName(name).orElseThrow(() -> new IllegalArgumentException(
                    "partitioning of an unknown table " + name + " (tables: "
                            + String.join(", ", tables().stream().map(LakeTable::name).toList()) + ")"));
            if (seen.put(name, e) != null) {
                throw new IllegalArgumentException("table partitioned twice: " + name);
            }
            m.put(table.topic(), table.withLayout(layout));
        }
        return new LakeTables(m);
    }

    /** {@code table=layout,…} of every table, sorted by name (the form {@link #withPartitioning} reads). */
    public String partitioning() {
        return String.join(",", tables().stream().map(t -> t.name() + "=" + t.layout().id()).toList());
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

    /**
     * {@code topic=table,…} (the form {@link #parse} reads), with {@code :kind} where the names would
     * not tell it.
     */
    @Override
    public String toString() {
        return String.join(",", tables().stream().map(LakeTables::entry).toList());
    }

    private static String entry(final LakeTable t) {
        final String plain = t.topic() + "=" + t.name();
        try {
            if (LakeTable.of(t.topic(), t.name()).kind() == t.kind()) {
                return plain;
            }
        } catch (IllegalArgumentException e) {
            // the names do not tell: declare it
        }
        return plain + ":" + t.kind().id();
    }
}
