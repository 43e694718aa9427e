package io.ticklake.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.sink.lake.LakeTable;
import io.ticklake.sink.store.Backoff;
import java.time.Duration;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A partition writer's retry state: due only once sealed, backoff within its ceilings, poll deferrals not counted. */
class PartitionWriterTest {
    private static final LakeTable TABLE = new LakeTable("ticks-w", "ticks", LakeTable.Kind.TICKS);
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofMillis(400));

    private static PartitionWriter writer() {
        return new PartitionWriter(new Batch(new TopicPartition(TABLE.topic(), 3), TABLE, 42), BACKOFF);
    }

    @Test
    void anOpenBatchIsNeverDueAndDoesNotShortenThePoll() {
        final PartitionWriter w = writer();
        assertThat(w.retryDue(Long.MAX_VALUE)).isFalse();
        assertThat(w.untilRetry(1_000, 250)).isEqualTo(250);
        assertThat(w.tp()).isEqualTo(new TopicPartition("ticks-w", 3));
    }

    @Test
    void eachFailureWaitsAJitteredBackoffWithinItsGrowingCeiling() {
        final PartitionWriter w = writer();
        w.batch().seal(RollPolicy.Reason.RECORDS, 1_000);
        assertThat(w.retryDue(1_000)).as("a sealed batch lands at once").isTrue();
        long now = 1_000;
        for (int attempt = 0; attempt < 5; attempt++) {
            final long delay = w.failed(now);
            assertThat(delay).isBetween(0L, BACKOFF.ceilingMs(attempt));
            assertThat(w.attempts()).isEqualTo(attempt + 1);
            assertThat(w.untilRetry(now, Long.MAX_VALUE)).isEqualTo(delay);
            assertThat(w.retryDue(now + delay)).isTrue();
            if (delay > 0) {
                assertThat(w.retryDue(now + delay - 1)).isFalse();
            }
            now += delay;
        }
        assertThat(BACKOFF.ceilingMs(4)).isEqualTo(400);
    }

    @Test
    void anAttemptCutShortToPollIsDueAtOnceAndNotCountedAsAFailure() {
        final PartitionWriter w = writer();
        w.batch().seal(RollPolicy.Reason.MEMORY, 0);
        w.failed(0);
        w.retryAfterPoll(5_000);
        assertThat(w.retryDue(5_000)).isTrue();
        assertThat(w.untilRetry(5_000, 100)).isZero();
        assertThat(w.attempts()).isEqualTo(1);
    }
}
