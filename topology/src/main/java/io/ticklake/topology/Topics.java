package io.ticklake.topology;

import io.ticklake.data.EnrichedTick;
import io.ticklake.data.OhlcBar;
import io.ticklake.data.Tick;
import io.ticklake.data.json.JsonSerde;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topics of one {@link TopologyConfig}, with their wire serdes: keys are the index symbol
 * (UTF-8), values JSON ({@link io.ticklake.data.json.Json} snake_case), except the dead-letter
 * topic which keeps the original key and value bytes.
 *
 * @param raw      {@code ticks-raw}: {@code Tick} JSON as producers write it
 * @param enriched {@code ticks-enriched}
 * @param bars     {@code ohlc-<window>} by window name, in config order
 * @param dlq      {@code ticks-dlq}: original bytes, reason in headers ({@link DlqHeaders})
 * @param late     {@code ticks-late}: the tick's original value, windows in headers ({@link LateHeaders})
 */
public record Topics(Topic<String, Tick> raw, Topic<String, EnrichedTick> enriched,
                     Map<String, Topic<String, OhlcBar>> bars, Topic<byte[], byte[]> dlq, Topic<String, Tick> late) {
    public Topics {
        bars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bars));
    }

    /** The topics named by {@code config}. */
    public static Topics of(final TopologyConfig config) {
        final Map<String, Topic<String, OhlcBar>> bars = new LinkedHashMap<>();
        for (final WindowSpec w : config.windows()) {
            bars.put(w.name(), new Topic<>(config.barTopic(w), Serdes.String(), OutputJson.serde(OhlcBar.class)));
        }
        return new Topics(new Topic<>(config.rawTopic(), Serdes.String(), JsonSerde.tick()),
                new Topic<>(config.enrichedTopic(), Serdes.String(), OutputJson.serde(EnrichedTick.class)),
                bars,
                new Topic<>(config.dlqTopic(), Serdes.ByteArray(), Serdes.ByteArray()),
                new Topic<>(config.lateTopic(), Serdes.String(), JsonSerde.tick()));
    }

    /** The bar topic of window {@code name}. */
    public Topic<String, OhlcBar> bars(final String name) {
        final Topic<String, OhlcBar> t = bars.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no window " + name);
        }
        return t;
    }
}
