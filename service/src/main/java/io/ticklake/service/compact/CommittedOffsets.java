package io.ticklake.service.compact;

import io.ticklake.sink.compact.OffsetGuard;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** The sink's committed offsets (its consumer group's), as the guard of a compaction. */
public final class CommittedOffsets {
    private CommittedOffsets() {
    }

    /**
     * The offsets group {@code sinkGroup} has committed, read with the admin client settings {@code clientProps}.
     *
     * @throws IllegalStateException when Kafka does not answer within {@code timeout}
     */
    public static Map<TopicPartition, Long> read(final Map<String, Object> clientProps, final String sinkGroup,
                                                 final Duration timeout) {
        try (Admin admin = Admin.create(clientProps)) {
            final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(sinkGroup)
                    .partitionsToOffsetAndMetadata().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            final Map<TopicPartition, Long> out = new HashMap<>();
            committed.forEach((tp, om) -> {
                if (om != null) {
                    out.put(tp, om.offset());
                }
            });
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the committed offsets of " + sinkGroup, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the committed offsets of consumer group " + sinkGroup + ": "
                    + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        }
    }

    /** {@link OffsetGuard#committed} of {@link #read}. */
    public static OffsetGuard guard(final Map<String, Object> clientProps, final String sinkGroup,
                                    final Duration timeout) {
        return OffsetGuard.committed(read(clientProps, sinkGroup, timeout));
    }
}
