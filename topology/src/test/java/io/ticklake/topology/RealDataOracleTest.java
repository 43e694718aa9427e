package io.ticklake.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.data.DailyBar;
import io.ticklake.data.ReferenceData;
import io.ticklake.data.csv.CsvBarReader;
import io.ticklake.data.synth.TickSynthesizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The oracle over the real Kaggle file: ticks synthesized (1-minute interval) from the rows of
 * three indices in three time zones over one month give 1d bars equal to the rows. The file is
 * found through {@code -Dticklake.data.csv=FILE}
 * from the module or the repo; when absent the test is SKIPPED (never passes silently).
 *
 * <p>{@code -Dticklake.oracle.full=true} runs every row of the file instead (index after index,
 * {@code -Dticklake.oracle.interval.minutes}, default 30, keeps the run to minutes;
 * {@code -Dticklake.oracle.merged=true} merges all indices in time order with watermarks instead).
 */
class RealDataOracleTest {
    private static final Logger LOG = LoggerFactory.getLogger(RealDataOracleTest.class);
    private static final Set<String> INDICES = Set.of("NYA", "HSI", "GDAXI");
    private static final LocalDate FROM = LocalDate.of(2021, 5, 1);
    private static final LocalDate TO = LocalDate.of(2021, 5, 31);

    static Path dataFile() {
        final String prop = System.getProperty("ticklake.data.csv");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        return null; // the real file is not part of the repository: give its path with -Dticklake.data.csv
    }

    @Test
    void dailyBarsEqualTheCsvRows() {
        final Path file = dataFile();
        Assumptions.assumeTrue(file != null && Files.isReadable(file),
                "indexProcessed.csv not found (set -Dticklake.data.csv): real-data oracle skipped");
        final boolean full = Boolean.getBoolean("ticklake.oracle.full");
        final List<DailyBar> rows = new ArrayList<>();
        try (CsvBarReader reader = CsvBarReader.open(file)) {
            reader.forEachRemaining(b -> {
                if (full || (INDICES.contains(b.index()) && !b.date().isBefore(FROM) && !b.date().isAfter(TO))) {
                    rows.add(b);
                }
            });
            LOG.info("read {} rows of {}: {}", rows.size(), file, reader.stats());
        }
        final Duration interval = full ? Duration.ofMinutes(Long.getLong("ticklake.oracle.interval.minutes", 30))
                : Duration.ofMinutes(1);
        final long start = System.nanoTime();
        final boolean merged = !full || Boolean.getBoolean("ticklake.oracle.merged");
        final OracleRun run = OracleRun.run(rows, new TickSynthesizer(ReferenceData.builtIn(), interval, 7), merged);
        final double secs = (System.nanoTime() - start) / 1e9;
        final List<String> bad = run.mismatches(rows);
        LOG.info("real-data oracle ({}): {} rows, {} ticks, {} daily bars, {} late, {} dlq, {} mismatches, {} s ({} ticks/s)",
                merged ? "merged in time order, watermarks" : "index after index", rows.size(), run.ticks,
                run.dailyBars().size(), run.late, run.dlq, bad.size(),
                String.format("%.1f", secs), String.format("%.0f", run.ticks / secs));
        bad.stream().limit(20).forEach(m -> LOG.warn("mismatch: {}", m));
        if (!full) {
            assertThat(rows).hasSizeGreaterThanOrEqualTo(3 * 18);
            assertThat(rows.stream().map(DailyBar::index).distinct()).hasSize(3);
        }
        assertThat(bad).isEmpty();
        run.assertDailyBarsEqualRows(rows);
    }
}
