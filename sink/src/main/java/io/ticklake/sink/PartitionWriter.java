package io.ticklake.sink;

import io.ticklake.sink.store.Backoff;
import org.apache.kafka.common.TopicPartition;

/**
 * The writer of one topic-partition, from its batch's first record until the batch is committed or
 * dropped: it owns the {@link Batch} and, once the batch is sealed, the retry state of landing it (failed
 * attempts, when the next one is due, the backoff between them). The sink's loop polls and routes records
 * to writers; landing (upload, commit hook, commit) stays with the sink, which owns the consumer.
 * Not thread-safe (the sink's thread).
 */
final class PartitionWriter {
    private final Batch batch;
    private final Backoff backoff;
    private int attempts;
    /** When the next attempt to land the sealed batch is due (clock millis); 0: at once. */
    private long retryAt;

    PartitionWriter(final Batch batch, final Backoff backoff) {
        this.batch = batch;
        this.backoff = backoff;
    }

    Batch batch() {
        return batch;
    }

    TopicPartition tp() {
        return batch.tp;
    }

    /** Whether the batch is sealed: it takes no more records and waits to land. */
    boolean sealed() {
        return batch.sealed();
    }

    /** Whether an attempt to land the sealed batch is due at {@code now}. */
    boolean retryDue(final long now) {
        return batch.sealed() && retryAt <= now;
    }

    /** Millis from {@code now} until the next attempt is due, at most {@code max} (max if not sealed). */
    long untilRetry(final long now, final long max) {
        return batch.sealed() ? Math.min(max, Math.max(0, retryAt - now)) : max;
    }

    /** The attempt was cut short to poll first (the poll guard): the next one is due at once, not counted. */
    void retryAfterPoll(final long now) {
        retryAt = now;
    }

    /** An attempt failed at {@code now}: the next one waits the backoff; returns that delay (millis). */
    long failed(final long now) {
        final long delay = backoff.delayMs(attempts);
        attempts++;
        retryAt = now + delay;
        return delay;
    }

    /** Failed attempts so far. */
    int attempts() {
        return attempts;
    }
}
