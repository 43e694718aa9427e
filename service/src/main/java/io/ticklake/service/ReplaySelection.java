package io.ticklake.service;

import io.ticklake.data.ReferenceData;
import io.ticklake.data.replay.BarFilter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Which bars a replay reads and how it turns them into ticks: a Kaggle CSV ({@code csv}) narrowed by
 * dates and indices, or the synthetic generator over those (or its defaults). What the CLI's source
 * options select, free of the CLI, so that the service-level runs and the benchmarks take it too.
 *
 * @param csv          the CSV, or null for the generator
 * @param from         first trading date, or null
 * @param to           last trading date (inclusive), or null
 * @param indices      index symbols (empty: all of the CSV, or the generator's defaults)
 * @param seed         seed of the generator and the tick synthesizer
 * @param tickInterval one synthesized tick per interval of each session
 */
public record ReplaySelection(Path csv, LocalDate from, LocalDate to, List<String> indices, long seed,
                              Duration tickInterval) {
    /** Generator indices when none are given: three continents, five exchanges. */
    public static final List<String> DEFAULT_INDICES = List.of("NYA", "IXIC", "N225", "HSI", "GDAXI");
    /** Generator range when none is given: two trading weeks. */
    public static final LocalDate DEFAULT_FROM = LocalDate.of(2021, 5, 17);
    public static final LocalDate DEFAULT_TO = LocalDate.of(2021, 5, 28);

    public ReplaySelection {
        indices = indices == null ? List.of() : indices.stream().map(String::strip).toList();
    }

    /** Indices the generator uses. */
    public List<String> generatorIndices() {
        return indices.isEmpty() ? DEFAULT_INDICES : indices;
    }

    public LocalDate generatorFrom() {
        return from != null ? from : to != null && to.isBefore(DEFAULT_FROM) ? to.minusDays(11) : DEFAULT_FROM;
    }

    public LocalDate generatorTo() {
        return to != null ? to : generatorFrom().plusDays(11);
    }

    /** The bar filter for a CSV replay. */
    public BarFilter filter() {
        return new BarFilter(from, to, new LinkedHashSet<>(indices));
    }

    /** The reference data (built in). */
    public ReferenceData referenceData() {
        return ReferenceData.builtIn();
    }
}
