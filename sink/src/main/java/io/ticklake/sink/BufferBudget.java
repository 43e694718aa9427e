package io.ticklake.sink;

import java.util.Collection;

/**
 * The sink's bound on buffered data across all open batches, the one owner of its counters and of the
 * early-roll decision. Counters: bytes buffered in files not uploaded yet, files open (not uploaded),
 * rows read and not committed. Invariant: each counter equals the sum over the live batches
 * ({@link Batch#bytes}, {@link Batch#openFiles()}, {@link Batch#rows}), because every change to a live
 * batch's buffer is reported here through exactly one method. {@link #full()} is the latch that stops
 * intake while a bound is exceeded and no batch can roll. Not thread-safe (the sink's thread).
 */
final class BufferBudget {
    private final long maxBytes;
    private final long maxOpenFiles;
    private long bytes;
    private long openFiles;
    private long rows;
    private boolean full;

    /**
     * @param maxBytes     {@code sink.buffer.max.bytes}: bytes buffered beyond this roll a batch early
     * @param maxOpenFiles {@code sink.max.open.files}: open files beyond this roll a batch early
     */
    BufferBudget(final long maxBytes, final long maxOpenFiles) {
        this.maxBytes = maxBytes;
        this.maxOpenFiles = maxOpenFiles;
    }

    /** A row was appended to a batch, adding {@code bytesDelta}; {@code openedFile}: into a new file. */
    void appended(final long bytesDelta, final boolean openedFile) {
        bytes += bytesDelta;
        rows++;
        if (openedFile) {
            openFiles++;
        }
    }

    /** A file was uploaded, freeing its {@code freedBytes}. */
    void uploaded(final long freedBytes) {
        bytes -= freedBytes;
        openFiles--;
    }

    /** A batch was committed: its rows leave the buffer (its files were all uploaded). */
    void committed(final Batch b) {
        rows -= b.rows;
    }

    /** A batch was dropped (revoked, lost, rejected commit): whatever it still holds leaves the buffer. */
    void dropped(final Batch b) {
        bytes -= b.bytes;
        rows -= b.rows;
        openFiles -= b.openFiles();
    }

    /** Whether either bound is exceeded. */
    boolean over() {
        return overBound() != null;
    }

    /**
     * The bound exceeded, as the reason of an early roll: {@link RollPolicy.Reason#MEMORY} when the bytes
     * are over (it wins when both are), else {@link RollPolicy.Reason#OPEN_FILES}; null within bounds.
     */
    RollPolicy.Reason overBound() {
        if (bytes > maxBytes) {
            return RollPolicy.Reason.MEMORY;
        }
        return openFiles > maxOpenFiles ? RollPolicy.Reason.OPEN_FILES : null;
    }

    /**
     * The batch to roll early for {@code reason}: of the open batches holding records, the one that frees
     * the most of the exceeded bound (most bytes for MEMORY, most files for OPEN_FILES; the first found
     * on a tie); null when no batch can roll.
     */
    Batch victim(final Collection<Batch> batches, final RollPolicy.Reason reason) {
        final boolean byBytes = reason == RollPolicy.Reason.MEMORY;
        Batch victim = null;
        for (Batch b : batches) {
            if (!b.sealed() && b.records > 0 && (victim == null
                    || (byBytes ? b.bytes > victim.bytes : b.fileCount() > victim.fileCount()))) {
                victim = b;
            }
        }
        return victim;
    }

    /** Stops intake: a bound is exceeded and no batch can roll early. */
    void markFull() {
        full = true;
    }

    /** Resumes intake if the buffer is within its bounds again. */
    void releaseIfWithin() {
        if (full && !over()) {
            full = false;
        }
    }

    /** Resumes intake unconditionally (a rebalance dropped or re-reads what was buffered). */
    void reset() {
        full = false;
    }

    /** Whether intake is stopped (see {@link #markFull()}). */
    boolean full() {
        return full;
    }

    long bytes() {
        return bytes;
    }

    long openFiles() {
        return openFiles;
    }

    long rows() {
        return rows;
    }
}
