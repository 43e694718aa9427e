package io.ticklake.data.replay;

import io.ticklake.data.Tick;

/** Where a replay sends ticks and watermarks: Kafka ({@link KafkaTickSink}) or nowhere ({@link DryRunSink}). */
public interface TickSink extends AutoCloseable {
    /** Sends one tick (asynchronously; failures surface at the latest in {@link #flush()}). */
    void send(Tick tick);

    /**
     * Sends a watermark at event time {@code ts} to every partition.
     *
     * @return the number of records sent (the number of partitions)
     */
    int sendWatermark(long ts);

    /** Blocks until everything sent is acknowledged; throws the first send failure, if any. */
    void flush();

    @Override
    void close();
}
