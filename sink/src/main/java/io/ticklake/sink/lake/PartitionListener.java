package io.ticklake.sink.lake;

/**
 * Told about each partition the sink writes into (the catalog registers partitions through it).
 *
 * <p>Contract: called at least once per partition path, after the first file of that path is durable
 * and before the offsets of its batch are committed. It may be called again for the same path (after a
 * restart, a rebalance, or when the sink's bounded memory of announced paths forgot it), so it must be
 * idempotent. An exception fails the batch like a store failure: the batch is retried with backoff and
 * not committed until the listener succeeds. Called from the sink's thread; keep it short.
 */
@FunctionalInterface
public interface PartitionListener {
    /** Does nothing. */
    PartitionListener NONE = (path, location) -> { };

    /**
     * A file landed in {@code path}.
     *
     * @param path     the partition (table, raw index value, date)
     * @param location the partition directory's URI, with trailing {@code /}
     *                 ({@code s3://bucket/prefix/ticks/index=NYA/date=2021-05-28/} or {@code file:///…/})
     */
    void onPartition(PartitionPath path, String location) throws Exception;
}
