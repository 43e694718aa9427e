package io.ticklake.sink;

import io.ticklake.sink.lake.LakeTable;
import io.ticklake.sink.lake.PartitionPath;
import io.ticklake.sink.lake.RowBuffer;
import io.ticklake.sink.lake.TableCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The open files of one topic-partition since its last commit: one {@link OpenFile} per partition
 * path, closed and uploaded as a whole. Once {@link #seal sealed} it takes no more records; its files
 * are uploaded one by one (progress survives a failed attempt) and then its end offset is committed.
 * Bookkeeping is O(1) per record. Not thread-safe.
 */
final class Batch {
    /** Rows of one partition path. */
    static final class OpenFile {
        final PartitionPath path;
        final long firstOffset;
        RowBuffer rows;
        long bytes;
        boolean uploaded;

        OpenFile(final PartitionPath path, final long firstOffset, final RowBuffer rows) {
            this.path = path;
            this.firstOffset = firstOffset;
            this.rows = rows;
            this.bytes = rows.bytes();
        }
    }

    final TopicPartition tp;
    final LakeTable table;
    private final TableCodec codec;
    /** First offset consumed into this batch (where a new owner re-reads it from). */
    final long startOffset;
    private final Map<String, OpenFile> files = new HashMap<>();
    private final List<OpenFile> order = new ArrayList<>();
    private OpenFile last;
    private String lastIndex;
    private String lastDate;
    long nextOffset;
    long records;
    long rows;
    long bytes;
    long openedAt;
    RollPolicy.Reason sealedBy;
    long sealedAt;

    Batch(final TopicPartition tp, final LakeTable table, final long startOffset) {
        this.tp = tp;
        this.table = table;
        this.codec = table.codec();
        this.startOffset = startOffset;
        this.nextOffset = startOffset;
    }

    boolean sealed() {
        return sealedBy != null;
    }

    void seal(final RollPolicy.Reason reason, final long now) {
        sealedBy = reason;
        sealedAt = now;
    }

    /** Counts a record that is not written (control, invalid); returns 0 bytes added. */
    void skip(final long offset, final long now) {
        consumed(offset, now);
    }

    /**
     * Appends a row decoded by this table's codec, read at {@code offset}.
     *
     * @return the change in buffered bytes; {@link #openedFile()} tells whether a new file was opened
     */
    long append(final Object row, final int partition, final long offset, final long now) {
        consumed(offset, now);
        final String index = codec.index(row);
        final String date = codec.date(row);
        OpenFile f = last;
        boolean opened = false;
        if (f == null || !index.equals(lastIndex) || !date.equals(lastDate)) {
            final String value = table.layout().value(date);
            final String key = value == null ? index : index + '\u0000' + value;
            f = files.get(key);
            if (f == null) {
                f = new OpenFile(table.partition(index, date), offset, new RowBuffer(table.schema()));
                files.put(key, f);
                order.add(f);
                opened = true;
            }
            last = f;
            lastIndex = index;
            lastDate = date;
        }
        final long before = f.rows.bytes();
        table.append(f.rows, row, partition, offset);
        final long delta = f.rows.bytes() - before + (opened ? f.bytes : 0);
        f.bytes = f.rows.bytes();
        bytes += delta;
        rows++;
        openedFile = opened;
        return delta;
    }

    private boolean openedFile;

    /** Whether the last {@link #append} opened a new file. */
    boolean openedFile() {
        return openedFile;
    }

    private void consumed(final long offset, final long now) {
        if (records == 0) {
            openedAt = now;
        }
        records++;
        nextOffset = offset + 1;
    }

    /** Files in the order they were opened. */
    List<OpenFile> files() {
        return order;
    }

    /** Files not uploaded yet. */
    int openFiles() {
        int n = 0;
        for (OpenFile f : order) {
            if (!f.uploaded) {
                n++;
            }
        }
        return n;
    }

    /** Marks {@code f} uploaded and frees its rows; returns the bytes freed. */
    long uploaded(final OpenFile f) {
        f.uploaded = true;
        f.rows = null;
        final long freed = f.bytes;
        f.bytes = 0;
        bytes -= freed;
        return freed;
    }

    /** Number of files (uploaded or not). */
    int fileCount() {
        return order.size();
    }
}
