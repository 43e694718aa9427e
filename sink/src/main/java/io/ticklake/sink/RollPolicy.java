package io.ticklake.sink;

import java.time.Duration;

/**
 * Decides when an open batch is closed and uploaded (a strategy, tested with a manual clock). Any
 * decision is safe for exactly-once: file names depend only on offsets, see docs/ARCHITECTURE.md.
 */
@FunctionalInterface
public interface RollPolicy {

    /** Why a batch was closed. */
    enum Reason {
        /** Reached the record limit. */
        RECORDS,
        /** Reached the byte limit of one batch. */
        BYTES,
        /** Open longer than the age limit (wall clock). */
        AGE,
        /** The sink's total buffer reached its bound (early roll). */
        MEMORY,
        /** The sink's number of open partition paths reached its bound (early roll). */
        OPEN_FILES,
        /** The sink is stopping. */
        SHUTDOWN
    }

    /**
     * Whether the batch should roll now.
     *
     * @param records  records consumed into the batch (written or skipped)
     * @param bytes    bytes the batch buffers
     * @param openedAt wall-clock ms when the batch received its first record
     * @param now      wall-clock ms now
     * @return the reason to roll, or null to keep it open
     */
    Reason shouldRoll(long records, long bytes, long openedAt, long now);

    /**
     * Size and age limits (the default policy).
     *
     * @param maxRecords records per batch
     * @param maxBytes   buffered bytes per batch
     * @param maxAge     age of a batch, wall clock
     */
    record Limits(long maxRecords, long maxBytes, Duration maxAge) implements RollPolicy {
        public Limits {
            if (maxRecords < 1 || maxBytes < 1 || maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalArgumentException("roll limits must be > 0");
            }
        }

        @Override
        public Reason shouldRoll(final long records, final long bytes, final long openedAt, final long now) {
            if (records >= maxRecords) {
                return Reason.RECORDS;
            }
            if (bytes >= maxBytes) {
                return Reason.BYTES;
            }
            if (records > 0 && now - openedAt >= maxAge.toMillis()) {
                return Reason.AGE;
            }
            return null;
        }
    }
}
