package io.ticklake.sink.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ticklake.data.DailyBar;
import io.ticklake.data.OhlcBar;
import io.ticklake.data.ReferenceData;
import io.ticklake.data.Tick;
import io.ticklake.data.synth.TickSynthesizer;
import io.ticklake.sink.lake.ParquetEncoder;
import io.ticklake.sink.lake.LakeTable;
import io.ticklake.sink.lake.PartitionLayout;
import io.ticklake.sink.lake.PartitionPath;
import io.ticklake.sink.lake.RowBuffer;
import io.ticklake.sink.store.LocalObjectStore;

/**
 * A local lake of 1-minute bars for SQL tests, without Kafka: ticks synthesized from daily bars
 * (which reproduce each day's open, high, low, close and volume exactly), aggregated into 1-minute
 * bars here, and written with the sink's own encoder and file layout ({@code ohlc_1m/index=/date=/
 * ohlc-1m+<partition>+<offset>.parquet}, lineage columns set).
 */
public final class MinuteBarLake {
    private static final long MINUTE = 60_000L;

    private MinuteBarLake() {
    }

    /** The 1-minute bars of the ticks synthesized from {@code days}, in time order per index. */
    public static List<OhlcBar> minuteBars(final List<DailyBar> days, final Duration tickInterval, final long seed) {
        final ReferenceData ref = ReferenceData.builtIn();
        final TickSynthesizer synth = new TickSynthesizer(ref, tickInterval, seed);
        final List<OhlcBar> bars = new ArrayList<>();
        for (final DailyBar day : days) {
            final Map<Long, List<Tick>> byMinute = new LinkedHashMap<>();
            for (final Tick t : synth.synthesize(day)) {
                byMinute.computeIfAbsent(Math.floorDiv(t.ts(), MINUTE) * MINUTE, k -> new ArrayList<>()).add(t);
            }
            byMinute.forEach((start, ticks) -> bars.add(bar(ref, start, ticks)));
        }
        return bars;
    }

    /** Writes {@code bars} as table {@code ohlc_1m}: one file per partition, Kafka partition by index. */
    public static void write(final Path lakeDir, final List<OhlcBar> bars) {
        write(lakeDir, "ohlc_1m", "ohlc-1m", bars);
    }

    /** Writes {@code bars} into {@code table} ({@code index=/date=}) as the sink would from {@code topic}. */
    public static void write(final Path lakeDir, final String table, final String topic, final List<OhlcBar> bars) {
        write(lakeDir, new LakeTable(topic, table, LakeTable.Kind.OHLC, PartitionLayout.INDEX_DATE), bars);
    }

    /** Writes {@code bars} into {@code table}, laid out as its layout says, as the sink would. */
    public static void write(final Path lakeDir, final LakeTable table, final List<OhlcBar> bars) {
        final String topic = table.topic();
        final Map<PartitionPath, List<OhlcBar>> byPartition = new LinkedHashMap<>();
        for (final OhlcBar b : bars) {
            byPartition.computeIfAbsent(table.partition(b.index(), b.tradingDate()), k -> new ArrayList<>()).add(b);
        }
        final Map<Integer, Long> nextOffset = new HashMap<>();
        final ParquetEncoder encoder = ParquetEncoder.zstd();
        try (LocalObjectStore store = LocalObjectStore.at(lakeDir)) {
            for (final Map.Entry<PartitionPath, List<OhlcBar>> e : byPartition.entrySet()) {
                final int kafkaPartition = Math.floorMod(e.getKey().index().hashCode(), 3);
                final long first = nextOffset.getOrDefault(kafkaPartition, 0L);
                final RowBuffer rows = new RowBuffer(table.schema());
                long offset = first;
                for (final OhlcBar b : e.getValue()) {
                    table.append(rows, b, kafkaPartition, offset++);
                }
                nextOffset.put(kafkaPartition, offset);
                store.put(e.getKey().fileKey(topic, kafkaPartition, first), encoder.encode(rows));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OhlcBar bar(final ReferenceData ref, final long start, final List<Tick> ticks) {
        double high = Double.NEGATIVE_INFINITY;
        double low = Double.POSITIVE_INFINITY;
        long volume = 0;
        double pv = 0;
        double sumPrice = 0;
        for (final Tick t : ticks) {
            high = Math.max(high, t.price());
            low = Math.min(low, t.price());
            volume += t.volume();
            pv += t.price() * t.volume();
            sumPrice += t.price();
        }
        final Tick first = ticks.get(0);
        final Tick last = ticks.get(ticks.size() - 1);
        final double vwap = volume > 0 ? pv / volume : sumPrice / ticks.size();
        return new OhlcBar(first.index(), "1m", start, start + MINUTE,
                ref.tradingDate(first.index(), start).toString(), first.price(), high, low, last.price(), volume, vwap,
                ticks.size(), first.ts(), last.ts());
    }
}
