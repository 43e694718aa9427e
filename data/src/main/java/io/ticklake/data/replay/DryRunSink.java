package io.ticklake.data.replay;

import io.ticklake.data.Tick;
import io.ticklake.data.json.TickCodec;

/**
 * A sink that sends nothing but does everything else: it encodes each tick with {@link TickCodec}
 * (so a dry run costs what the producer's side costs) and counts a watermark as one record per
 * configured partition, so a dry run reports the same counts as a real replay.
 */
public final class DryRunSink implements TickSink {
    private final int partitions;
    private long bytes;

    /** @param partitions partitions a real topic would have */
    public DryRunSink(final int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1: " + partitions);
        }
        this.partitions = partitions;
    }

    @Override
    public void send(final Tick tick) {
        bytes += TickCodec.encode(tick).length;
    }

    @Override
    public int sendWatermark(final long ts) {
        return partitions;
    }

    /** Total encoded tick bytes "sent". */
    public long bytes() {
        return bytes;
    }

    @Override
    public void flush() {
        // nothing buffered
    }

    @Override
    public void close() {
        // nothing to release
    }
}
