package io.ticklake.topology;

import io.ticklake.topology.bars.IndexBars;
import io.ticklake.topology.enrich.EnrichState;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The ticklake Streams topology, as a pure builder: it adds nodes and stores to a
 * {@link StreamsBuilder} and starts nothing.
 *
 * <pre>
 *  ticks-raw ─► ticklake-source ─► ticklake-process ─► ticklake-sink ─► ticks-enriched
 *                (bytes, ingest      validate, enrich,   (topic chosen     ohlc-&lt;window&gt;
 *                 timestamps)        OHLC windows        per record)       ticks-late, ticks-dlq
 * </pre>
 *
 * Stores (in-memory key-value, changelogged): {@link #ENRICH_STORE}, {@link #BARS_STORE},
 * {@link #WATERMARK_STORE}, {@link #LATEST_BARS_STORE}. See topology/README.md for the event-time
 * semantics.
 */
public final class TickTopology {
    public static final String SOURCE = "ticklake-source";
    public static final String PROCESSOR = "ticklake-process";
    public static final String SINK = "ticklake-sink";
    /** Per-index enrichment state (seq, last price, day figures). */
    public static final String ENRICH_STORE = "ticklake-enrich-state";
    /** Per-index event time and open bars. */
    public static final String BARS_STORE = "ticklake-open-bars";
    /** The task's watermark under {@link #WATERMARK_KEY}. */
    public static final String WATERMARK_STORE = "ticklake-watermark";
    /** Latest final bar per (index, window): {@link LatestBars}. */
    public static final String LATEST_BARS_STORE = "ticklake-latest-bars";
    static final String WATERMARK_KEY = "watermark";

    private TickTopology() {
    }

    /**
     * Adds the topology of {@code config} to {@code builder} for Kafka's default producer
     * {@code max.request.size} (1 MiB); returns the builder.
     */
    public static StreamsBuilder build(final StreamsBuilder builder, final TopologyConfig config) {
        return build(builder, config, OutputLimit.defaults());
    }

    /**
     * Adds the topology of {@code config} to {@code builder}, cutting dead letters and late copies
     * to the producer's {@code max.request.size} as configured in {@code streamsProps}
     * ({@link OutputLimit#of}); returns the builder.
     */
    public static StreamsBuilder build(final StreamsBuilder builder, final TopologyConfig config,
                                       final Map<?, ?> streamsProps) {
        return build(builder, config, OutputLimit.of(streamsProps));
    }

    private static StreamsBuilder build(final StreamsBuilder builder, final TopologyConfig config,
                                        final OutputLimit limit) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ENRICH_STORE),
                Serdes.String(), EnrichState.SERDE).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(BARS_STORE),
                Serdes.String(), IndexBars.SERDE).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(WATERMARK_STORE),
                Serdes.String(), Serdes.Long()).withCachingEnabled());
        // values are the bars' JSON bytes as sent to ohlc-<w> (serialized once); LatestBars decodes them
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(LATEST_BARS_STORE),
                Serdes.String(), Serdes.ByteArray()).withCachingEnabled());
        builder.stream(config.rawTopic(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withTimestampExtractor(new IngestTimeExtractor()).withName(SOURCE))
                .process(() -> new TickProcessor(config, limit), Named.as(PROCESSOR),
                        ENRICH_STORE, BARS_STORE, WATERMARK_STORE, LATEST_BARS_STORE)
                .to((key, value, ctx) -> value.topic(),
                        Produced.with(Serdes.ByteArray(), Routed.SERDE).withName(SINK));
        return builder;
    }

    /** {@code build(new StreamsBuilder(), config).build()}. */
    public static Topology topology(final TopologyConfig config) {
        return build(new StreamsBuilder(), config).build();
    }

    /** {@code build(new StreamsBuilder(), config, streamsProps).build(streamsProps)}: pass the client's settings. */
    public static Topology topology(final TopologyConfig config, final Properties streamsProps) {
        return build(new StreamsBuilder(), config, streamsProps).build(streamsProps);
    }
}
