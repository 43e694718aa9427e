package io.ticklake.sink;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters and gauges of one sink, written by the sink thread and read by anyone (the app exports a
 * {@link #snapshot()} to Prometheus). Thread-safe.
 */
public final class SinkMetrics {
    private final LongAdder recordsWritten = new LongAdder();
    private final LongAdder recordsInvalid = new LongAdder();
    private final LongAdder recordsControl = new LongAdder();
    private final LongAdder bytesUploaded = new LongAdder();
    private final LongAdder filesUploaded = new LongAdder();
    private final LongAdder uploadMillisTotal = new LongAdder();
    private final AtomicLong uploadMillisMax = new AtomicLong();
    private final LongAdder batchRetries = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder commits = new LongAdder();
    private final LongAdder batchesDropped = new LongAdder();
    private final Map<RollPolicy.Reason, LongAdder> rolls = new EnumMap<>(RollPolicy.Reason.class);
    private final AtomicLong lag = new AtomicLong();
    private final AtomicLong bufferedBytes = new AtomicLong();
    private final AtomicLong openFiles = new AtomicLong();
    private final AtomicLong bufferedRows = new AtomicLong();
    private final AtomicLong maxBufferedBytes = new AtomicLong();
    private final AtomicLong maxOpenFiles = new AtomicLong();
    private final AtomicLong pausedPartitions = new AtomicLong();
    private volatile long storeRetries;

    SinkMetrics() {
        for (RollPolicy.Reason r : RollPolicy.Reason.values()) {
            rolls.put(r, new LongAdder());
        }
    }

    /**
     * A consistent-enough copy of all metrics.
     *
     * @param recordsWritten    rows uploaded and committed into the lake
     * @param recordsInvalid    records skipped because their value is not a valid row (logged)
     * @param recordsControl    control records (watermarks) skipped
     * @param bytesUploaded     Parquet bytes uploaded
     * @param filesUploaded     Parquet files uploaded
     * @param uploadMillisTotal time spent in uploads
     * @param uploadMillisMax   slowest upload
     * @param retries           batch upload attempts that were retries, plus the store's request retries
     * @param errors            failed batch uploads, listener calls and commits
     * @param commits           offset commits
     * @param batchesDropped    open batches dropped on revocation or lost ownership
     * @param rolls             batches closed, by reason
     * @param lag               records behind the end of the assigned partitions (consumer lag)
     * @param bufferedBytes     bytes buffered now
     * @param openFiles         partition paths open now
     * @param bufferedRows      rows buffered now (read, not yet committed)
     * @param maxBufferedBytes  highest buffered bytes seen after enforcing the bound
     * @param maxOpenFiles      highest open paths seen after enforcing the bound
     * @param pausedPartitions  partitions paused now (store failing or memory full)
     */
    public record Snapshot(long recordsWritten, long recordsInvalid, long recordsControl, long bytesUploaded,
                           long filesUploaded, long uploadMillisTotal, long uploadMillisMax, long retries,
                           long errors, long commits, long batchesDropped, Map<RollPolicy.Reason, Long> rolls,
                           long lag, long bufferedBytes, long openFiles, long bufferedRows, long maxBufferedBytes, long maxOpenFiles,
                           long pausedPartitions) {
    }

    /** The current values. */
    public Snapshot snapshot() {
        final Map<RollPolicy.Reason, Long> r = new EnumMap<>(RollPolicy.Reason.class);
        rolls.forEach((k, v) -> r.put(k, v.sum()));
        return new Snapshot(recordsWritten.sum(), recordsInvalid.sum(), recordsControl.sum(), bytesUploaded.sum(),
                filesUploaded.sum(), uploadMillisTotal.sum(), uploadMillisMax.get(), batchRetries.sum() + storeRetries,
                errors.sum(), commits.sum(), batchesDropped.sum(), Map.copyOf(r), lag.get(), bufferedBytes.get(),
                openFiles.get(), bufferedRows.get(), maxBufferedBytes.get(), maxOpenFiles.get(), pausedPartitions.get());
    }

    void written(final long rows) {
        recordsWritten.add(rows);
    }

    void invalid() {
        recordsInvalid.increment();
    }

    void control() {
        recordsControl.increment();
    }

    void uploaded(final long bytes, final long millis) {
        filesUploaded.increment();
        bytesUploaded.add(bytes);
        uploadMillisTotal.add(millis);
        uploadMillisMax.accumulateAndGet(millis, Math::max);
    }

    void retry() {
        batchRetries.increment();
    }

    void error() {
        errors.increment();
    }

    void committed() {
        commits.increment();
    }

    void dropped() {
        batchesDropped.increment();
    }

    void rolled(final RollPolicy.Reason reason) {
        rolls.get(reason).increment();
    }

    void gauges(final long lagNow, final long buffered, final long open, final long rows, final long paused,
                final long store) {
        lag.set(lagNow);
        bufferedRows.set(rows);
        pausedPartitions.set(paused);
        storeRetries = store;
        buffer(buffered, open);
    }

    void buffer(final long buffered, final long open) {
        bufferedBytes.set(buffered);
        openFiles.set(open);
        maxBufferedBytes.accumulateAndGet(buffered, Math::max);
        maxOpenFiles.accumulateAndGet(open, Math::max);
    }
}
