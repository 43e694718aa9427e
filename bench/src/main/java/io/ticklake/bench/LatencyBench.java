package io.ticklake.bench;

import io.ticklake.service.ReplaySelection;
import io.ticklake.sink.lake.LakeTable;
import io.ticklake.sink.lake.PartitionPath;
import io.ticklake.topology.TopologyConfig;
import io.ticklake.topology.WindowSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;

/**
 * Latency at a fixed live rate: ticks are sent at {@code rate} ticks/s ({@link PacedSink}) into the
 * pipeline as {@code demo} runs it, and for each tick sent after the warm-up
 * <ul>
 *   <li><b>bar</b>: from the send of a bar's last tick to that bar being read from {@code ohlc-<smallest
 *       window>} by a {@code read_committed} consumer ({@link OutputReader}); this includes the event-time
 *       wait for a later tick to close the window (window end + grace) and, with exactly-once, the
 *       transaction commit;</li>
 *   <li><b>durable</b>: from the send of a tick to the moment the lake file holding it was durable
 *       (the store's put returned, {@link TimedStore}); this includes the sink's roll policy.</li>
 * </ul>
 * All times are {@link System#nanoTime()} of this one JVM.
 */
public final class LatencyBench {
    private LatencyBench() {
    }

    /**
     * Figures of one run.
     *
     * @param ticks        ticks sent
     * @param achievedRate ticks/s actually sent
     * @param barNanos     per bar whose last tick was sent after the warm-up
     * @param durableNanos per tick sent after the warm-up
     * @param barWindow    the window of the bars measured
     */
    public record Result(long ticks, double achievedRate, long[] barNanos, long[] durableNanos, String barWindow) {
    }

    public static Result run(final ReplaySelection source, final double rate, final Duration warmup, final String guarantee,
                      final Map<String, String> overrides, final Duration timeout)
            throws IOException, InterruptedException {
        final AtomicReference<TimedStore> store = new AtomicReference<>();
        try (BenchPipeline p = BenchPipeline.start(guarantee, overrides, s -> {
            store.set(new TimedStore(s));
            return store.get();
        })) {
            final TopologyConfig topo = p.config().topology();
            final WindowSpec window = topo.windows().stream().min(Comparator.comparingLong(WindowSpec::sizeMs))
                    .orElseThrow();
            final OutputReader reader = new OutputReader(p.config().clientProps(), topo.enrichedTopic(),
                    topo.barTopic(window));
            final Thread thread = new Thread(reader, "bench-latency-reader");
            thread.setDaemon(true);
            thread.start();
            final AtomicReference<PacedSink> paced = new AtomicReference<>();
            final long ticks = p.replay(source, k -> {
                paced.set(new PacedSink(k, rate));
                return paced.get();
            }).ticks();
            final double achieved = paced.get().achievedRate();
            p.awaitLanded(timeout);
            reader.finish();
            thread.join(timeout.toMillis());
            if (reader.failure() != null || thread.isAlive()) {
                throw new IllegalStateException("the output reader failed: " + (reader.failure() == null
                        ? "did not finish in " + timeout : reader.failure().getMessage()));
            }
            final String ticksTable = p.config().sink().tables().forTopic(topo.enrichedTopic())
                    .map(LakeTable::name).orElseThrow(() -> new IllegalStateException("no lake table for "
                            + topo.enrichedTopic()));
            final long from = paced.get().start() + warmup.toNanos();
            return new Result(ticks, achieved, barLatencies(reader, paced.get(), from),
                    durableLatencies(reader, paced.get(), new LakeFiles(store.get().durableAt()), ticksTable, from),
                    window.name());
        }
    }

    private static long[] barLatencies(final OutputReader reader, final PacedSink paced, final long from) {
        return reader.bars().stream().flatMapToLong(b -> {
            final Long sent = paced.sentAt().get(b.lastTick());
            return sent == null || sent < from ? LongStream.empty() : LongStream.of(b.readAt() - sent);
        }).toArray();
    }

    private static long[] durableLatencies(final OutputReader reader, final PacedSink paced, final LakeFiles files,
                                           final String table, final long from) {
        return reader.ticks().stream().flatMapToLong(t -> {
            final Long sent = paced.sentAt().get(t.tick());
            if (sent == null || sent < from) {
                return LongStream.empty();
            }
            final Long durable = files.durableAt(new PartitionPath(table, t.tick().index(), t.tradingDate()),
                    t.partition(), t.offset());
            return durable == null ? LongStream.empty() : LongStream.of(durable - sent);
        }).toArray();
    }
}
