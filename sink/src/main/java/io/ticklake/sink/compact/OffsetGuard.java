package io.ticklake.sink.compact;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Which files are final: a file the sink may still rewrite after a crash (one of a batch it uploaded
 * but did not commit) must not be compacted, or the rewrite would land next to the compacted copy. A file
 * is final once the sink's committed offset of its topic-partition is past the file's last offset: the
 * sink never reads below its committed offset again (docs/ARCHITECTURE.md §6).
 */
@FunctionalInterface
public interface OffsetGuard {
    /** Whether a file of {@code topic}-{@code partition} whose last row has offset {@code lastOffset} is final. */
    boolean isFinal(String topic, int partition, long lastOffset);

    /**
     * Every file is final: for a lake no sink writes to any more (or has committed past everything
     * {@code --older-than} selects); the operator asserts it.
     */
    OffsetGuard ALL = (topic, partition, lastOffset) -> true;

    /** Final below the committed offsets (a topic-partition without a committed offset: nothing is final). */
    static OffsetGuard committed(final Map<TopicPartition, Long> committed) {
        final Map<TopicPartition, Long> copy = Map.copyOf(committed);
        return (topic, partition, lastOffset) -> {
            final Long c = copy.get(new TopicPartition(topic, partition));
            return c != null && lastOffset < c;
        };
    }
}
