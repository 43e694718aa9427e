package io.ticklake.service;

import io.ticklake.data.OhlcBar;
import io.ticklake.service.http.page.HistoryBar;
import io.ticklake.service.http.page.LiveBars;
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
 * the bars of the partitions this instance holds; empty while Streams is not running or rebalancing.
 */
final class StreamsLiveBars implements LiveBars {
    private final StreamsRunner streams;

    StreamsLiveBars(final StreamsRunner streams) {
        this.streams = streams;
    }

    @Override
    public Optional<HistoryBar> open(final String index, final String window) {
        return query(l -> l.open(index, window).map(StreamsLiveBars::bar)).flatMap(Function.identity());
    }

    @Override
    public Optional<HistoryBar> latestFinal(final String index, final String window) {
        return query(l -> l.latest(index, window).map(StreamsLiveBars::bar)).flatMap(Function.identity());
    }

    @Override
    public List<String> indices() {
        return query(l -> List.copyOf(new TreeSet<>(l.all().stream().map(OhlcBar::index).toList())))
                .orElse(List.of());
    }

    private <T> Optional<T> query(final Function<LatestBars, T> q) {
        final Optional<KafkaStreams> ks = streams.streams();
        if (ks.isEmpty() || ks.get().state() != KafkaStreams.State.RUNNING) {
            return Optional.empty();
        }
        try {
            return Optional.of(q.apply(LatestBars.of(ks.get())));
        } catch (InvalidStateStoreException e) {
            return Optional.empty();   // migrating during a rebalance: the next poll asks again
        }
    }

    private static HistoryBar bar(final LiveBar b) {
        return new HistoryBar(b.windowStart(), b.open(), b.high(), b.low(), b.close(), b.volume(), b.tickCount(), true);
    }

    private static HistoryBar bar(final OhlcBar b) {
        return new HistoryBar(b.windowStart(), b.open(), b.high(), b.low(), b.close(), b.volume(), b.tickCount(), false);
    }
}
