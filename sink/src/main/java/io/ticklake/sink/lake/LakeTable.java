package io.ticklake.sink.lake;

import java.util.Locale;
import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One lake table fed by one Kafka topic.
 *
 * @param topic  the source topic
 * @param name   the table name ({@code [a-z][a-z0-9_]*})
 * @param kind   what the topic carries, which fixes the rows' columns
 * @param layout the partition columns ({@link PartitionLayout#defaultFor} unless configured)
 */
public record LakeTable(String topic, String name, Kind kind, PartitionLayout layout) {
    /** The record types a table can hold, each with its codec; declared as {@code topic=table:<id>}. */
    public enum Kind {
        /** {@code EnrichedTick} values, schema {@link LakeSchemas#TICKS}. */
        TICKS("ticks"),
        /** {@code OhlcBar} values, schema {@link LakeSchemas#OHLC}. */
        OHLC("ohlc");

        private final String id;

        Kind(final String id) {
            this.id = id;
        }

        /** The declaration's name: {@code ticks} or {@code ohlc}. */
        public String id() {
            return id;
        }

        /** The codec of rows of this kind. */
        public TableCodec codec() {
            return this == TICKS ? TickCodec.INSTANCE : BarCodec.INSTANCE;
        }

        /**
         * Parses a declared kind: {@code ticks} (or {@code tick}), {@code ohlc} (or {@code bar}, {@code bars}).
         *
         * @throws IllegalArgumentException listing the accepted names
         */
        public static Kind parse(final String declared) {
            return switch (declared.trim().toLowerCase(Locale.ROOT)) {
                case "ticks", "tick" -> TICKS;
                case "ohlc", "bar", "bars" -> OHLC;
                default -> throw new IllegalArgumentException("unknown table kind " + declared
                        + " (ticks or ohlc)");
            };
        }
    }

    public LakeTable {
        if (topic == null || !topic.matches("[A-Za-z0-9._-]{1,249}")) {
            throw new IllegalArgumentException("invalid topic name: " + topic);
        }
        PartitionPath.requireTable(name);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(layout, "layout");
    }

    /** The table with its kind's default layout ({@link PartitionLayout#defaultFor}). */
    public LakeTable(final String topic, final String name, final Kind kind) {
        this(topic, name, kind, PartitionLayout.defaultFor(kind, name));
    }

    /** This table partitioned as {@code other} says. */
    public LakeTable withLayout(final PartitionLayout other) {
        return new LakeTable(topic, name, kind, other);
    }

    /** The partition of a row of {@code index} traded on {@code date} ({@code yyyy-MM-dd}). */
    public PartitionPath partition(final String index, final String date) {
        return PartitionPath.of(name, layout, index, date);
    }

    /**
     * The table of {@code topic} named {@code name} when its kind is not declared (the original
     * {@code topic=table} syntax), told by the names: {@code ohlc…} (topic or table) carries bars,
     * {@code ticks…} carries enriched ticks. Declare the kind ({@code topic=table:ohlc}) when the names
     * do not say it.
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
                + " carries ticks or OHLC bars: declare it (" + topic + "=" + name + ":ticks or :ohlc)");
    }

    /**
     * The file schema: the kind's columns, plus {@code date} last when the layout does not partition by
     * it ({@link PartitionLayout#fileSchema}).
     */
    public Schema schema() {
        return FileSchemas.of(kind, layout);
    }

    /**
     * Appends {@code row} (decoded by this table's codec), read at {@code partition}/{@code offset}, to a
     * buffer of {@link #schema()}: the codec's columns, and the trading date when the layout keeps it as
     * the files' last column.
     */
    public void append(final RowBuffer rows, final Object row, final int partition, final long offset) {
        final TableCodec codec = kind.codec();
        codec.append(rows, row, partition, offset);
        if (!layout.partitionsByDate()) {
            rows.setLastRowInt(schema().getFields().size() - 1,
                    (int) java.time.LocalDate.parse(codec.date(row)).toEpochDay());
        }
    }

    /** The codec of this table's rows. */
    public TableCodec codec() {
        return kind.codec();
    }
}
