package io.ticklake.sink.lake;

import java.util.Optional;

/**
 * The name of a data file the sink or the compactor wrote, parsed: {@code <topic>+<partition>+<first>.parquet}
 * (the sink's, {@link PartitionPath#fileName}: the rows of one partition directory from one batch, starting at
 * offset {@code first}) or {@code <topic>+<partition>+<first>-<last>.parquet} (the compactor's: every row of that
 * directory and topic-partition with an offset in {@code [first, last]}). Offsets are 20 digits, so names sort
 * in offset order. Kafka topic names cannot hold {@code +}, so the split is unambiguous.
 *
 * @param last the last offset covered by a compacted file; for a plain file, {@code first} (its real last
 *             offset is only in its rows)
 */
public record DataFileName(String topic, int partition, long first, long last, boolean compacted) {
    /** The only extension compaction reads and writes. */
    public static final String EXTENSION = ".parquet";
    private static final int DIGITS = 20;

    public DataFileName {
        if (first < 0 || last < first || !compacted && last != first) {
            throw new IllegalArgumentException("bad offset range " + first + "-" + last);
        }
    }

    /** A compacted file's name covering {@code [first, last]} of {@code topic}-{@code partition}. */
    public static DataFileName compacted(final String topic, final int partition, final long first, final long last) {
        return new DataFileName(topic, partition, first, last, true);
    }

    /** The file name (no directory). */
    public String fileName() {
        final String base = PartitionPath.fileName(topic, partition, first, "");
        return compacted ? base + "-" + String.format("%020d", last) + EXTENSION : base + EXTENSION;
    }

    /** Whether both name the same topic-partition. */
    public boolean sameTopicPartition(final DataFileName o) {
        return partition == o.partition && topic.equals(o.topic);
    }

    /** Whether this compacted file's range holds {@code offset}. */
    public boolean covers(final long offset) {
        return compacted && offset >= first && offset <= last;
    }

    /**
     * Parses a file name (the last segment of a key); empty for anything else (rollup outputs, strays),
     * which compaction and the shadow rule leave alone.
     */
    public static Optional<DataFileName> parse(final String fileName) {
        if (fileName == null || !fileName.endsWith(EXTENSION)) {
            return Optional.empty();
        }
        final String base = fileName.substring(0, fileName.length() - EXTENSION.length());
        final int p2 = base.lastIndexOf('+');
        final int p1 = p2 <= 0 ? -1 : base.lastIndexOf('+', p2 - 1);
        if (p1 <= 0) {
            return Optional.empty();
        }
        final String offsets = base.substring(p2 + 1);
        final Integer partition = digits(base.substring(p1 + 1, p2), 1, 10) ? parseInt(base.substring(p1 + 1, p2)) : null;
        if (partition == null) {
            return Optional.empty();
        }
        final String topic = base.substring(0, p1);
        if (offsets.length() == DIGITS && digits(offsets, DIGITS, DIGITS)) {
            return Optional.of(new DataFileName(topic, partition, Long.parseLong(offsets), Long.parseLong(offsets), false));
        }
        if (offsets.length() == 2 * DIGITS + 1 && offsets.charAt(DIGITS) == '-'
                && digits(offsets.substring(0, DIGITS), DIGITS, DIGITS) && digits(offsets.substring(DIGITS + 1), DIGITS, DIGITS)) {
            final long first = Long.parseLong(offsets.substring(0, DIGITS));
            final long last = Long.parseLong(offsets.substring(DIGITS + 1));
            return last < first ? Optional.empty() : Optional.of(compacted(topic, partition, first, last));
        }
        return Optional.empty();
    }

    private static Integer parseInt(final String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean digits(final String s, final int min, final int max) {
        if (s.length() < min || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        try {
            Long.parseLong(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
