package io.ticklake.sink.lake;

import java.util.Locale;
import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One lake table fed by one Kafka topic.
 *
 * @param topic the source topic
 * @param name  the table name ({@code [a-z][a-z0-9_]*})
 * @param kind  what the topic carries, which fixes the file schema
 */
public record LakeTable(String topic, String name, Kind kind) {
    /** The record types a table can hold. */
    public enum Kind {
        /** {@code EnrichedTick} values, schema {@link LakeSchemas#TICKS}. */
        TICKS,
        /** {@code OhlcBar} values, schema {@link LakeSchemas#OHLC}. */
        OHLC
    }

    public LakeTable {
        if (topic == null || !topic.matches("[A-Za-z0-9._-]{1,249}")) {
            throw new IllegalArgumentException("invalid topic name: " + topic);
        }
        PartitionPath.requireTable(name);
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * The table of {@code topic} named {@code name}, its kind told by the names: {@code ohlc…} (topic or
     * table) carries bars, {@code ticks…} carries enriched ticks.
     *
     * @throws IllegalArgumentException when neither name tells
     */
    public static LakeTable of(final String topic, final String name) {
        final String t = topic.toLowerCase(Locale.ROOT);
        final String n = name.toLowerCase(Locale.ROOT);
        if (t.startsWith("ohlc") || n.startsWith("ohlc")) {
            return new LakeTable(topic, name, Kind.OHLC);
        }
        if (t.startsWith("ticks") || n.startsWith("ticks")) {
            return new LakeTable(topic, name, Kind.TICKS);
        }
        throw new IllegalArgumentException("cannot tell whether topic " + topic
                + " carries ticks or OHLC bars: name its table ticks… or ohlc_…");
    }

    /** The file schema. */
    public Schema schema() {
        return LakeSchemas.of(kind);
    }
}
