package io.ticklake.sink;

import java.time.Clock;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands a partition writer's sealed batch, in the order exactly-once needs: every file durable, then the
 * commit hook, then {@code commitSync} of the batch's end offset. A failed step records a retry with
 * backoff on the writer; the budget is told each uploaded file and the committed rows. What the loop must
 * do next is the {@link Outcome}. Not thread-safe (the sink's thread).
 */
final class BatchLanding {
    // the sink's logger: these lines have always been the sink's, and users filter on it
    private static final Logger LOG = LoggerFactory.getLogger(LakeSink.class);

    /** How an attempt ended. */
    enum Outcome {
        /** Files durable, hook run, offset committed: the writer's batch is done. */
        LANDED,
        /** The poll guard stopped the uploads: retry right after the next poll. */
        MUST_POLL,
        /** A step failed: the writer waits its backoff, then retries (files already durable stay). */
        FAILED,
        /** The group rejected the commit: this member's ownership is in doubt, everything must be re-read. */
        REJECTED
    }

    private final Consumer<byte[], byte[]> consumer;
    private final BatchUploader uploader;
    private final BatchCommitHook hook;
    private final BufferBudget budget;
    private final SinkMetrics metrics;
    private final Clock clock;

    BatchLanding(final Consumer<byte[], byte[]> consumer, final BatchUploader uploader, final BatchCommitHook hook,
                 final BufferBudget budget, final SinkMetrics metrics, final Clock clock) {
        this.consumer = consumer;
        this.uploader = uploader;
        this.hook = hook;
        this.budget = budget;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * One attempt to land {@code w}'s sealed batch.
     *
     * @param mayUpload checked before each upload (the poll guard)
     * @throws WakeupException when {@link Consumer#wakeup()} interrupted the hook or the commit
     */
    Outcome land(final PartitionWriter w, final BooleanSupplier mayUpload) {
        final Batch b = w.batch();
        final DurableBatch durable;
        try {
            durable = uploader.upload(b, mayUpload, budget::uploaded);
        } catch (BatchUploader.MustPollException e) {
            w.retryAfterPoll(clock.millis());
            return Outcome.MUST_POLL;
        } catch (Exception e) {
            return failed(w, "upload", e);
        }
        try {
            hook.beforeCommit(durable);
        } catch (WakeupException e) {
            throw e;
        } catch (Exception e) {
            return failed(w, "commit hook", e);
        }
        try {
            consumer.commitSync(Map.of(b.tp, new OffsetAndMetadata(b.nextOffset)));
        } catch (CommitFailedException | RebalanceInProgressException e) {
            LOG.warn("commit of {} rejected ({}); dropping all open batches until the group is rejoined", b.tp,
                    e.getClass().getSimpleName());
            metrics.error();
            return Outcome.REJECTED;
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            return failed(w, "commit", e);
        }
        metrics.committed();
        metrics.written(b.rows);
        budget.committed(b);
        if (w.attempts() > 0) {
            LOG.info("{}: batch at offset {} landed after {} failed attempt(s)", b.tp, b.startOffset, w.attempts());
        }
        return Outcome.LANDED;
    }

    private Outcome failed(final PartitionWriter w, final String what, final Exception e) {
        metrics.error();
        final long delay = w.failed(clock.millis());
        if (w.attempts() == 1 || LOG.isDebugEnabled()) {
            LOG.warn("{} of {} batch at offset {} failed, pausing it and retrying in {} ms: {}", what, w.tp(),
                    w.batch().startOffset, delay, e.toString());
        }
        return Outcome.FAILED;
    }
}
