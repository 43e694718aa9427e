package io.ticklake.topology;

import io.ticklake.data.OhlcBar;
import io.ticklake.data.json.Json;
import io.ticklake.topology.bars.IndexBars;
import io.ticklake.topology.bars.LiveBar;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Read API over the store of the latest final bar per (index, window), for the app to serve.
 * Covers the tasks of this instance only (interactive queries: other instances hold other
 * partitions). The store keeps each bar's JSON as sent to {@code ohlc-<window>}; thread-safe as
 * the store is.
 *
 * <pre>{@code
 * LatestBars latest = LatestBars.of(streams);       // streams RUNNING
 * Optional<OhlcBar> bar = latest.latest("NYA", "1m");
 * Optional<LiveBar> open = latest.open("NYA", "1m");   // the still-open bar, from the open-bars store
 * }</pre>
 */
public final class LatestBars {
    private static final char SEP = '|';   // not allowed in an index symbol
    private final ReadOnlyKeyValueStore<String, byte[]> store;
    private final ReadOnlyKeyValueStore<String, IndexBars> openStore;   // null: open bars not available

    private LatestBars(final ReadOnlyKeyValueStore<String, byte[]> store,
                       final ReadOnlyKeyValueStore<String, IndexBars> openStore) {
        this.store = Objects.requireNonNull(store, "store");
        this.openStore = openStore;
    }

    /**
     * Over a running {@code KafkaStreams} built with {@link TickTopology}: the latest final bars and the
     * open bars ({@link TickTopology#BARS_STORE}).
     */
    public static LatestBars of(final KafkaStreams streams) {
        return new LatestBars(streams.store(StoreQueryParameters.fromNameAndType(TickTopology.LATEST_BARS_STORE,
                QueryableStoreTypes.<String, byte[]>keyValueStore())),
                streams.store(StoreQueryParameters.fromNameAndType(TickTopology.BARS_STORE,
                        QueryableStoreTypes.<String, IndexBars>keyValueStore())));
    }

    /** Over the {@link TickTopology#LATEST_BARS_STORE} store itself (e.g. {@code TopologyTestDriver#getKeyValueStore}). */
    public static LatestBars of(final ReadOnlyKeyValueStore<String, byte[]> store) {
        return new LatestBars(store, null);
    }

    /** Over both stores themselves (e.g. {@code TopologyTestDriver#getKeyValueStore}): latest and open bars. */
    public static LatestBars of(final ReadOnlyKeyValueStore<String, byte[]> latest,
                                final ReadOnlyKeyValueStore<String, IndexBars> open) {
        return new LatestBars(latest, Objects.requireNonNull(open, "open"));
    }

    /**
     * The latest still-open bar of {@code index} in {@code window} (the one with the latest start when
     * several are open within grace); empty when none is open or the open bars are not available.
     */
    public Optional<LiveBar> open(final String index, final String window) {
        if (openStore == null) {
            return Optional.empty();
        }
        final IndexBars bars = openStore.get(index);
        if (bars == null) {
            return Optional.empty();
        }
        final List<LiveBar> open = bars.openBars(index, window);
        return open.isEmpty() ? Optional.empty() : Optional.of(open.get(open.size() - 1));
    }

    /** The latest final bar of {@code index} in {@code window}. */
    public Optional<OhlcBar> latest(final String index, final String window) {
        return Optional.ofNullable(store.get(key(index, window))).map(LatestBars::decode);
    }

    /** The latest final bar of {@code index} in every window that has one. */
    public List<OhlcBar> latest(final String index) {
        return collect(store.prefixScan(index + SEP, new StringSerializer()));
    }

    /** Every latest bar, ordered by index then window. */
    public List<OhlcBar> all() {
        return collect(store.all());
    }

    static String key(final String index, final String window) {
        return index + SEP + window;
    }

    private static OhlcBar decode(final byte[] json) {
        return Json.read(json, OhlcBar.class);
    }

    private static List<OhlcBar> collect(final KeyValueIterator<String, byte[]> it) {
        try (it) {
            final List<OhlcBar> out = new ArrayList<>();
            while (it.hasNext()) {
                final KeyValue<String, byte[]> kv = it.next();
                out.add(decode(kv.value));
            }
            return out;
        }
    }
}
