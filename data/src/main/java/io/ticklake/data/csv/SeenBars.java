package io.ticklake.data.csv;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * The (index, date) pairs a read has accepted so far, each with the line it came from, so a second row
 * of the same pair can name the first. Compact because a file is read whole even when the replay
 * keeps one month of it (the Kaggle file: 104,224 rows, about 2 MB here): per index one open-addressing
 * table of {@code long}s, each packing a date (22 bits of days since 1900-01-01) and a line (42 bits).
 * Not thread-safe.
 */
final class SeenBars {
    private static final long FIRST_EPOCH_DAY = LocalDate.of(1900, 1, 1).toEpochDay();
    private static final int DAY_BITS = 22;
    private static final long DAY_MASK = (1L << DAY_BITS) - 1;
    private static final long MAX_LINE = (1L << (Long.SIZE - DAY_BITS)) - 1;
    private final Map<String, DayTable> byIndex = new HashMap<>();

    /**
     * Records that {@code line} holds the bar of {@code index} on {@code date}, unless one was recorded
     * before.
     *
     * @return the line of the earlier row of the same index and date, or 0 when this one is the first
     * @throws IllegalArgumentException when the date is outside 1900-01-01 .. 9999-12-31 or the line is
     *                                  beyond 2^42 (the parser accepts neither)
     */
    long putIfAbsent(final String index, final LocalDate date, final long line) {
        final long day = date.toEpochDay() - FIRST_EPOCH_DAY + 1; // 0 marks an empty slot
        if (day < 1 || day > DAY_MASK || line < 1 || line > MAX_LINE) {
            throw new IllegalArgumentException("cannot track " + date + " on line " + line);
        }
        return byIndex.computeIfAbsent(index, i -> new DayTable()).putIfAbsent(day, line);
    }

    /** Day → line of one index; linear probing, doubled at half full. */
    private static final class DayTable {
        private long[] slots = new long[8];
        private int size;

        long putIfAbsent(final long day, final long line) {
            int i = slot(day, slots.length);
            while (slots[i] != 0) {
                if ((slots[i] & DAY_MASK) == day) {
                    return slots[i] >>> DAY_BITS;
                }
                i = (i + 1) & (slots.length - 1);
            }
            slots[i] = line << DAY_BITS | day;
            if (++size * 2 > slots.length) {
                grow();
            }
            return 0;
        }

        private void grow() {
            final long[] bigger = new long[slots.length * 2];
            for (final long entry : slots) {
                if (entry != 0) {
                    int i = slot(entry & DAY_MASK, bigger.length);
                    while (bigger[i] != 0) {
                        i = (i + 1) & (bigger.length - 1);
                    }
                    bigger[i] = entry;
                }
            }
            slots = bigger;
        }

        private static int slot(final long day, final int length) {
            return (int) (day * 0x9E3779B97F4A7C15L >>> 40) & (length - 1);
        }
    }
}
