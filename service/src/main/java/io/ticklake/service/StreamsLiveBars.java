package io.ticklake.service;

import io.ticklake.data.OhlcBar;
import io.ticklake.service.http.page.HistoryBar;
import io.ticklake.service.http.page.LiveBars;
import io.ticklake.service.http.page.LiveIndices;
import io.ticklake.service.http.page.LiveState;
import io.ticklake.topology.LatestBars;
import io.ticklake.topology.bars.LiveBar;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * {@link LiveBars} from this instance's Kafka Streams stores ({@link LatestBars}, interactive queries):
 * the bars of the partitions this instance holds. While Streams is neither running nor rebalancing,
 * or a store is migrating, the answer says the bars are missing (the next poll asks again).
 * {@link ClusterLiveBars} adds the other instances'.
 */
final class StreamsLiveBars implements LiveBars {
    private final StreamsRunner streams;

    StreamsLiveBars(final StreamsRunner streams) {
        this.streams = streams;
    }

    @Override
    public LiveState state(final String index, final String window) {
        return query(l -> new LiveState(l.open(index, window).map(StreamsLiveBars::bar).orElse(null),
                l.latest(index, window).map(StreamsLiveBars::bar).orElse(null), null), LiveState::missing);
    }

    @Override
    public LiveIndices indices() {
        return query(l -> new LiveIndices(List.copyOf(new TreeSet<>(l.all().stream().map(OhlcBar::index).toList())),
                List.of()), LiveIndices::missing);
    }

    private <T> T query(final Function<LatestBars, T> q, final Function<String, T> missing) {
        final Optional<KafkaStreams> ks = streams.streams();
        final KafkaStreams.State state = ks.map(KafkaStreams::state).orElse(KafkaStreams.State.CREATED);
        if (!state.isRunningOrRebalancing()) {
            return missing.apply("the live bars of this instance: Kafka Streams is " + state);
        }
        try {
            return q.apply(LatestBars.of(ks.get()));
        } catch (InvalidStateStoreException e) {
            return missing.apply("the live bars of this instance: its stores are migrating (rebalance); retry");
        }
    }

    private static HistoryBar bar(final LiveBar b) {
        return new HistoryBar(b.windowStart(), b.open(), b.high(), b.low(), b.close(), b.volume(), b.tickCount(), true);
    }

    private static HistoryBar bar(final OhlcBar b) {
        return new HistoryBar(b.windowStart(), b.open(), b.high(), b.low(), b.close(), b.volume(), b.tickCount(), false);
    }
}
