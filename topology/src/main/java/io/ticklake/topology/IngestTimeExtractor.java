package io.ticklake.topology;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Gives Streams the record's broker/producer timestamp, NOT the tick's event time.
 *
 * <p>Why: Streams drops every record whose extracted timestamp is negative, and the real dataset
 * starts in 1965 (negative epoch milliseconds). Event time ({@code ts} in the value) is handled
 * inside {@link TickProcessor} instead, per index. A record without a valid timestamp gets the
 * partition's time, or the wall clock before any record was seen.
 */
public final class IngestTimeExtractor implements TimestampExtractor {
    @Override
    public long extract(final ConsumerRecord<Object, Object> record, final long partitionTime) {
        final long ts = record.timestamp();
        if (ts >= 0) {
            return ts;
        }
        return partitionTime >= 0 ? partitionTime : System.currentTimeMillis();
    }
}
