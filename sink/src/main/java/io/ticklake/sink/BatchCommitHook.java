package io.ticklake.sink;

/**
 * A step of the sink's commit protocol, run for every batch after all of its files are durable and
 * before its offsets are committed (Flink's committer of committables is the model). Registering a
 * batch's new partitions in a catalog is one; announcing partitions to a {@link
 * io.ticklake.sink.lake.PartitionListener} is another.
 *
 * <p>Contract: called on the sink's thread, once per attempt to commit a batch; a batch may be handed
 * over again (after a failed attempt, a restart, a rebalance: the new owner rebuilds the same files),
 * so it must be idempotent. An exception fails the attempt like a store failure: nothing is committed,
 * the batch is retried with the sink's backoff, and the sink's health shows the stall. Keep it short:
 * the consumer does not poll while it runs.
 */
@FunctionalInterface
public interface BatchCommitHook {
    /** Does nothing. */
    BatchCommitHook NONE = batch -> { };

    /**
     * The files of {@code batch} are durable; its offsets are committed once this returns.
     *
     * @throws Exception when the batch must not be committed yet
     */
    void beforeCommit(DurableBatch batch) throws Exception;

    /** This hook, then {@code next} (which is not run when this one throws). */
    default BatchCommitHook andThen(final BatchCommitHook next) {
        return batch -> {
            beforeCommit(batch);
            next.beforeCommit(batch);
        };
    }
}
