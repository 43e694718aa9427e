package io.ticklake.bench;

import io.ticklake.sink.lake.PartitionPath;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which lake file holds a record, from file keys alone: a file is named
 * {@code <dir>/<topic>+<kafka partition>+<first offset>.parquet} and the sink's batches are contiguous
 * offset ranges, so a record at offset {@code o} of partition {@code p} in directory {@code dir} is in
 * that directory's file of partition {@code p} with the greatest first offset ≤ {@code o}.
 */
public final class LakeFiles {
    private final Map<String, TreeMap<Long, Long>> byDirAndPartition = new HashMap<>();

    /** @param durableAt lake-relative key → the time it became durable */
    public LakeFiles(final Map<String, Long> durableAt) {
        durableAt.forEach((key, at) -> {
            final FileKey f = FileKey.parse(key);
            if (f != null) {
                byDirAndPartition.computeIfAbsent(f.dir() + "#" + f.partition(), k -> new TreeMap<>())
                        .put(f.firstOffset(), at);
            }
        });
    }

    /** A parsed file key. */
    public record FileKey(String dir, String topic, int partition, long firstOffset) {
        /** The parts of {@code dir/topic+partition+offset.parquet}, or null for any other key. */
        public static FileKey parse(final String key) {
            final int slash = key.lastIndexOf('/');
            final String name = key.substring(slash + 1);
            if (slash < 0 || !name.endsWith(".parquet")) {
                return null;
            }
            final String[] parts = name.substring(0, name.length() - ".parquet".length()).split("\\+");
            if (parts.length != 3) {
                return null;
            }
            try {
                return new FileKey(key.substring(0, slash), parts[0], Integer.parseInt(parts[1]),
                        Long.parseLong(parts[2]));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** When the file holding the record became durable, or null when no such file was written. */
    public Long durableAt(final PartitionPath path, final int partition, final long offset) {
        final TreeMap<Long, Long> files = byDirAndPartition.get(path.dir() + "#" + partition);
        if (files == null) {
            return null;
        }
        final Map.Entry<Long, Long> e = files.floorEntry(offset);
        return e == null ? null : e.getValue();
    }
}
