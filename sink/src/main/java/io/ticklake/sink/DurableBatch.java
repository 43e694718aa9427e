package io.ticklake.sink;

import io.ticklake.sink.lake.PartitionPath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch whose files are all durable in the store and whose offsets are not committed yet: what a
 * {@link BatchCommitHook} receives.
 *
 * @param topic      the Kafka topic
 * @param partition  the Kafka partition
 * @param firstOffset first offset of the batch
 * @param nextOffset the offset that is committed (one past the batch's last record)
 * @param files      the batch's files, in the order they were opened
 */
public record DurableBatch(String topic, int partition, long firstOffset, long nextOffset, List<File> files) {
    /**
     * One durable file.
     *
     * @param path     its partition (table, index, date)
     * @param key      its object key under the lake root
     * @param location the partition directory's URI, with trailing {@code /}
     *                 ({@code s3://bucket/prefix/ticks/index=NYA/date=2021-05-28/} or {@code file:///…/})
     */
    public record File(PartitionPath path, String key, String location) {
    }

    public DurableBatch {
        files = List.copyOf(files);
    }

    /** Each partition path of the batch once, with its location, in the order first opened. */
    public Map<PartitionPath, String> partitions() {
        final Map<PartitionPath, String> dirs = new LinkedHashMap<>();
        for (final File f : files) {
            dirs.putIfAbsent(f.path(), f.location());
        }
        return dirs;
    }
}
