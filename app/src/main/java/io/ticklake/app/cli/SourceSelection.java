package io.ticklake.app.cli;

import io.ticklake.service.UsageException;
import io.ticklake.data.IndexInfo;
import io.ticklake.data.ReferenceData;
import io.ticklake.data.csv.CsvContents;
import io.ticklake.data.replay.BarFilter;
import io.ticklake.data.synth.MarketGenerator;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Checks that a source has bars for what was asked, before anything is started or sent: every index of
 * {@code --indices} exists (in the CSV, or in the reference data for the generator) and the selection
 * takes at least one bar. A selection that matches nothing is a usage error, never an empty success.
 */
final class SourceSelection {
    private SourceSelection() {
    }

    /**
     * Scans {@code csv} once (rows are only counted, rejected ones are reported by the replay itself).
     *
     * @throws UsageException when the file is no Kaggle CSV, has no valid row, lacks an index of the
     *                        filter or has no row the filter takes
     */
    static void checkCsv(final Path csv, final BarFilter filter) {
        final CsvContents contents;
        try {
            contents = CsvContents.scan(csv, filter);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        if (contents.indices().isEmpty()) {
            throw new UsageException(csv + " has no valid row" + contents.firstRejection()
                    .map(r -> ": " + contents.stats().rejected() + " of " + contents.stats().read()
                            + " rejected, the first on " + r)
                    .orElse(""));
        }
        final List<String> missing = filter.indices().stream().filter(i -> !contents.indices().containsKey(i))
                .sorted().toList();
        if (!missing.isEmpty()) {
            throw new UsageException("--indices: " + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are")
                    + " not in " + csv + ", which has " + String.join(", ", contents.indices().keySet()));
        }
        if (contents.selected() == 0) {
            throw new UsageException("no row of " + csv + " is in " + describe(filter) + "; " + rowsSpan(contents, filter));
        }
    }

    /**
     * Checks what the generator is asked for.
     *
     * @throws UsageException when an index is not in {@code ref} or {@code [from, to]} has no weekday
     */
    static void checkGenerator(final ReferenceData ref, final Collection<String> indices, final LocalDate from,
                               final LocalDate to) {
        final List<String> unknown = indices.stream().filter(i -> ref.find(i).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new UsageException("--indices: " + String.join(", ", unknown) + (unknown.size() == 1 ? " is" : " are")
                    + " not in the reference data; the generator knows "
                    + String.join(", ", ref.all().stream().map(IndexInfo::index).toList()));
        }
        if (MarketGenerator.weekdays(from, to) == 0) {
            throw new UsageException("--from " + from + " --to " + to + " has no weekday, the generator's trading days");
        }
    }

    /** The options the filter came from, as typed. */
    private static String describe(final BarFilter filter) {
        final List<String> parts = new ArrayList<>();
        Optional.ofNullable(filter.from()).ifPresent(d -> parts.add("--from " + d));
        Optional.ofNullable(filter.to()).ifPresent(d -> parts.add("--to " + d));
        if (!filter.indices().isEmpty()) {
            parts.add("--indices " + String.join(",", filter.indices().stream().sorted().toList()));
        }
        return String.join(" ", parts);
    }

    /** Where the rows of the filter's indices (all when none) are, to choose a better range from. */
    private static String rowsSpan(final CsvContents contents, final BarFilter filter) {
        final List<CsvContents.IndexRows> rows = contents.indices().entrySet().stream()
                .filter(e -> filter.indices().isEmpty() || filter.indices().contains(e.getKey()))
                .map(java.util.Map.Entry::getValue).toList();
        final LocalDate first = rows.stream().map(CsvContents.IndexRows::first).min(LocalDate::compareTo).orElseThrow();
        final LocalDate last = rows.stream().map(CsvContents.IndexRows::last).max(LocalDate::compareTo).orElseThrow();
        return "its rows" + (filter.indices().isEmpty() ? "" : " of " + String.join(", ",
                filter.indices().stream().sorted().toList())) + " are from " + first + " to " + last;
    }
}
