package io.ticklake.sink.testing;

import io.ticklake.data.OhlcBar;
import io.ticklake.data.testing.TestMarket;
import io.ticklake.sink.lake.LakeRows;
import io.ticklake.sink.lake.LakeSchemas;
import io.ticklake.sink.lake.ParquetEncoder;
import io.ticklake.sink.lake.PartitionPath;
import io.ticklake.sink.lake.RowBuffer;
import io.ticklake.sink.store.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lake with the small-file problem, laid out as the sink lays it out: 1-minute bars of a test market
 * in time order, each index on the Kafka partition its name hashes to, offsets counted per partition, a
 * batch rolled every {@code rollRecords} records of a partition, and per batch one file per partition
 * path named by the offset of its first record there ({@code ohlc_1m/index=/date=/ohlc-1m+<p>+<offset>}).
 */
public final class CompactionLake {
    public static final String TABLE = "ohlc_1m";
    public static final String TOPIC = "ohlc-1m";
    public static final int PARTITIONS = 3;

    private CompactionLake() {
    }

    /** The bars of a week of the three-zone test market (ticks every 5 minutes), in time order. */
    public static List<OhlcBar> bars() {
        final List<OhlcBar> bars = new ArrayList<>(MinuteBarLake.minuteBars(TestMarket.oneWeek(), Duration.ofMinutes(5),
                TestMarket.SEED));
        bars.sort(Comparator.comparingLong(OhlcBar::windowStart).thenComparing(OhlcBar::index));
        return bars;
    }

    /** The Kafka partition of an index. */
    public static int partitionOf(final String index) {
        return Math.floorMod(index.hashCode(), PARTITIONS);
    }

    /** Writes {@code bars} through {@code store}; returns the offsets past the last record, per partition. */
    public static long[] write(final ObjectStore store, final List<OhlcBar> bars, final int rollRecords) {
        return write(store, bars, rollRecords, new long[PARTITIONS]);
    }

    /** Writes {@code bars} starting at offsets {@code start} per partition; returns the offsets past the end. */
    public static long[] write(final ObjectStore store, final List<OhlcBar> bars, final int rollRecords,
                               final long[] start) {
        final long[] next = start.clone();
        final List<List<OhlcBar>> perPartition = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            perPartition.add(new ArrayList<>());
        }
        bars.forEach(b -> perPartition.get(partitionOf(b.index())).add(b));
        final ParquetEncoder encoder = ParquetEncoder.zstd();
        try {
            for (int p = 0; p < PARTITIONS; p++) {
                final List<OhlcBar> records = perPartition.get(p);
                for (int from = 0; from < records.size(); from += rollRecords) {
                    writeBatch(store, encoder, p, next[p], records.subList(from, Math.min(records.size(), from + rollRecords)));
                    next[p] += Math.min(rollRecords, records.size() - from);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return next;
    }

    private static void writeBatch(final ObjectStore store, final ParquetEncoder encoder, final int p, final long first,
                                   final List<OhlcBar> batch) throws IOException {
        final Map<PartitionPath, RowBuffer> rows = new LinkedHashMap<>();
        final Map<PartitionPath, Long> firstOffset = new LinkedHashMap<>();
        long offset = first;
        for (final OhlcBar b : batch) {
            final PartitionPath path = new PartitionPath(TABLE, b.index(), b.tradingDate());
            firstOffset.putIfAbsent(path, offset);
            LakeRows.append(rows.computeIfAbsent(path, k -> new RowBuffer(LakeSchemas.OHLC)), b, p, offset++);
        }
        for (final Map.Entry<PartitionPath, RowBuffer> e : rows.entrySet()) {
            store.put(e.getKey().fileKey(TOPIC, p, firstOffset.get(e.getKey())), encoder.encode(e.getValue()));
        }
    }
}
