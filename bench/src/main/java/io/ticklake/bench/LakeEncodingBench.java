package io.ticklake.bench;

import io.ticklake.data.EnrichedTick;
import io.ticklake.data.ReferenceData;
import io.ticklake.data.Tick;
import io.ticklake.data.json.Json;
import io.ticklake.data.json.TickCodec;
import io.ticklake.sink.lake.LakeRows;
import io.ticklake.sink.lake.LakeSchemas;
import io.ticklake.sink.lake.LakeTables;
import io.ticklake.sink.lake.ParquetEncoder;
import io.ticklake.sink.lake.PartitionPath;
import io.ticklake.sink.lake.RowBuffer;
import io.ticklake.topology.enrich.EnrichState;
import io.ticklake.topology.enrich.Enricher;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;

/**
 * The sink's encoding alone, on one thread, against the tutorials' one JSON object per message, over
 * the same enriched ticks: ticks are enriched as the topology does, spread over Kafka partitions as
 * the default partitioner does (murmur2 of the key), and batched per partition as the sink does (one
 * file per partition path per batch, a batch rolled every {@code rollRecords} records). Times are
 * thread CPU time, so other processes on a shared machine do not count against the encoder.
 */
public final class LakeEncodingBench {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private LakeEncodingBench() {
    }

    /**
     * Figures of one run.
     *
     * @param ticks          rows encoded
     * @param parquetBytes   bytes of all Parquet files
     * @param files          Parquet files (objects)
     * @param paths          distinct partition paths touched
     * @param encodeCpuNanos CPU time in {@link ParquetEncoder#encode}
     * @param appendCpuNanos CPU time appending rows to the column buffers
     * @param jsonBytes      bytes of one JSON object per enriched tick
     * @param rawJsonBytes   bytes of one JSON object per raw tick (the wire format)
     * @param jsonCpuNanos   CPU time serializing the enriched ticks as JSON
     */
    public record Result(long ticks, long parquetBytes, long files, long paths, long encodeCpuNanos, long appendCpuNanos,
                  long jsonBytes, long rawJsonBytes, long jsonCpuNanos) {
        public double encodeRowsPerCpuSecond() {
            return ticks / (encodeCpuNanos / 1e9);
        }

        public double appendAndEncodeRowsPerCpuSecond() {
            return ticks / ((encodeCpuNanos + appendCpuNanos) / 1e9);
        }

        public double jsonRowsPerCpuSecond() {
            return ticks / (jsonCpuNanos / 1e9);
        }

        public double parquetBytesPerTick() {
            return (double) parquetBytes / ticks;
        }

        public double jsonBytesPerTick() {
            return (double) jsonBytes / ticks;
        }

        public double rawJsonBytesPerTick() {
            return (double) rawJsonBytes / ticks;
        }

        public double objectsPerMillion() {
            return files * 1e6 / ticks;
        }

        public double objectsPerPath() {
            return (double) files / paths;
        }
    }

    public static Result run(final Iterator<Tick> ticks, final ReferenceData ref, final ParquetEncoder encoder,
                      final int partitions, final int rollRecords) throws IOException {
        final List<Row> rows = enrich(ticks, ref, partitions);
        final Totals totals = new Totals();
        totals.ticks = rows.size();
        // timed in bulk: a CPU-time read costs about a microsecond, as much as a row
        long c0 = THREADS.getCurrentThreadCpuTime();
        for (final Row r : rows) {
            totals.jsonBytes += Json.write(r.tick).length;
        }
        totals.jsonCpu = THREADS.getCurrentThreadCpuTime() - c0;
        for (final Row r : rows) {
            totals.rawJsonBytes += TickCodec.encode(r.raw).length;
        }
        final Set<PartitionPath> paths = new HashSet<>();
        final Map<Integer, Batch> batches = new HashMap<>();
        final long[] offsets = new long[partitions];
        for (final Row r : rows) {
            paths.add(r.path);
            final Batch batch = batches.computeIfAbsent(r.partition, k -> new Batch());
            batch.rows.add(r);
            if (batch.rows.size() >= rollRecords) {
                flush(batch, encoder, totals, offsets);
            }
        }
        for (final Batch b : batches.values()) {
            flush(b, encoder, totals, offsets);
        }
        return new Result(totals.ticks, totals.parquetBytes, totals.files, paths.size(), totals.encodeCpu,
                totals.appendCpu, totals.jsonBytes, totals.rawJsonBytes, totals.jsonCpu);
    }

    /** Enriches every tick as the topology does and tells its Kafka partition and partition path. */
    private static List<Row> enrich(final Iterator<Tick> ticks, final ReferenceData ref, final int partitions) {
        final Enricher enricher = new Enricher(ref);
        final Map<String, EnrichState> states = new HashMap<>();
        final Map<String, Integer> partitionOf = new HashMap<>();
        final List<Row> rows = new ArrayList<>();
        while (ticks.hasNext()) {
            final Tick tick = ticks.next();
            final EnrichedTick e = enricher.enrich(tick, states.computeIfAbsent(tick.index(), i -> new EnrichState()));
            final int p = partitionOf.computeIfAbsent(tick.index(), i ->
                    Utils.toPositive(Utils.murmur2(i.getBytes(StandardCharsets.UTF_8))) % partitions);
            rows.add(new Row(tick, e, p, new PartitionPath(LakeTables.TICKS_TABLE, tick.index(), e.tradingDate())));
        }
        return rows;
    }

    /** Encodes a batch: one file per partition path, as the sink rolls it. */
    private static void flush(final Batch batch, final ParquetEncoder encoder, final Totals totals,
                              final long[] offsets) throws IOException {
        final long c0 = THREADS.getCurrentThreadCpuTime();
        final Map<PartitionPath, RowBuffer> files = new LinkedHashMap<>();
        for (final Row r : batch.rows) {
            LakeRows.append(files.computeIfAbsent(r.path, k -> new RowBuffer(LakeSchemas.TICKS)), r.tick,
                    r.partition, offsets[r.partition]++);
        }
        final long c1 = THREADS.getCurrentThreadCpuTime();
        for (final RowBuffer rows : files.values()) {
            final byte[] file = encoder.encode(rows);
            totals.parquetBytes += file.length;
            totals.files++;
        }
        totals.encodeCpu += THREADS.getCurrentThreadCpuTime() - c1;
        totals.appendCpu += c1 - c0;
        batch.rows.clear();
    }

    /** An enriched tick and where the sink puts it. */
    private record Row(Tick raw, EnrichedTick tick, int partition, PartitionPath path) {
    }

    /** One topic-partition's open batch. */
    private static final class Batch {
        private final List<Row> rows = new ArrayList<>();
    }

    private static final class Totals {
        private long ticks;
        private long parquetBytes;
        private long files;
        private long encodeCpu;
        private long appendCpu;
        private long jsonBytes;
        private long rawJsonBytes;
        private long jsonCpu;
    }
}
