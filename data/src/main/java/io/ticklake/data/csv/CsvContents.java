package io.ticklake.data.csv;

import io.ticklake.data.DailyBar;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What a Kaggle CSV holds, found by one pass that keeps no bar: the valid rows of each index with their
 * first and last date, how many of them a selection takes, and the first rejected row. A replay scans
 * first so that a selection matching nothing, an index the file lacks or a file that is no Kaggle CSV
 * is a usage error before anything is sent. It costs as much as the replay's own read (the real file,
 * 104,224 rows: about a second on a busy two-core machine) and memory for the duplicate check only.
 *
 * @param indices        valid rows per index, sorted by symbol
 * @param stats          the counts of the pass (rejections included)
 * @param selected       valid rows the selection takes
 * @param firstRejection the first rejected row, if any
 */
public record CsvContents(Map<String, IndexRows> indices, ReadStats stats, long selected,
                          Optional<RowRejection> firstRejection) {
    public CsvContents {
        indices = Collections.unmodifiableMap(new TreeMap<>(indices));
    }

    /**
     * The valid rows of one index.
     *
     * @param rows  how many
     * @param first the earliest date
     * @param last  the latest date
     */
    public record IndexRows(long rows, LocalDate first, LocalDate last) {
        IndexRows plus(final LocalDate date) {
            return new IndexRows(rows + 1, date.isBefore(first) ? date : first, date.isAfter(last) ? date : last);
        }
    }

    /**
     * Reads {@code file} once.
     *
     * @param selection which bars a replay would take
     * @throws IllegalArgumentException one line naming the file when it cannot be read or has no Kaggle header
     */
    public static CsvContents scan(final Path file, final Predicate<DailyBar> selection) {
        final Map<String, IndexRows> indices = new TreeMap<>();
        final RowRejection[] firstRejection = {null};
        long selected = 0;
        try (CsvBarReader reader = CsvBarReader.open(file).onRejection(r -> {
            if (firstRejection[0] == null) {
                firstRejection[0] = r;
            }
        })) {
            while (reader.hasNext()) {
                final DailyBar bar = reader.next();
                indices.merge(bar.index(), new IndexRows(1, bar.date(), bar.date()),
                        (known, one) -> known.plus(bar.date()));
                if (selection.test(bar)) {
                    selected++;
                }
            }
            return new CsvContents(indices, reader.stats(), selected, Optional.ofNullable(firstRejection[0]));
        }
    }

    /** The earliest date of any index, if the file has a valid row. */
    public Optional<LocalDate> first() {
        return indices.values().stream().map(IndexRows::first).min(LocalDate::compareTo);
    }

    /** The latest date of any index, if the file has a valid row. */
    public Optional<LocalDate> last() {
        return indices.values().stream().map(IndexRows::last).max(LocalDate::compareTo);
    }
}
